namespace Runnel.Core.Flows;
/// <summary>A custom field as activation checks see it: type (text, number, boolean, date, datetime), status.</summary>
public sealed record CustomFieldInfo(string Type, bool Active)
{
    public bool IsDate => Type is "date" or "datetime";
}
