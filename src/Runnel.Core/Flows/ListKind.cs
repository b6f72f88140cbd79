namespace Runnel.Core.Flows;
public enum ListKind
{
    Static,
    Dynamic,
}
