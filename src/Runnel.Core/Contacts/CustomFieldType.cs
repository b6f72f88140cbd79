namespace Runnel.Core.Contacts;

/// <summary>Wire values: text, number, boolean, date, datetime.</summary>
public enum CustomFieldType
{
    Text,
    Number,
    Boolean,
    Date,
    Datetime,
}
