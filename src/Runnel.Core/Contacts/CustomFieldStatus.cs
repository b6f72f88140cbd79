namespace Runnel.Core.Contacts;

/// <summary>Wire values: active, archived. An archived field keeps its stored values but takes no new writes.</summary>
public enum CustomFieldStatus
{
    Active,
    Archived,
}
