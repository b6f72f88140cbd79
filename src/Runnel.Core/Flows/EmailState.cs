namespace Runnel.Core.Flows;
public enum EmailState
{
    Draft,
    Approved,
}
