namespace Runnel.Core.Lists;

/// <summary>Wire values: static (explicit members), dynamic (whoever matches the rules).</summary>
public enum ListType
{
    Static,
    Dynamic,
}
