namespace Runnel.Client;

/// <summary>Values of <see cref="CustomField.Type"/>.</summary>
public static class CustomFieldTypes
{
    /// <summary><c>text</c>: a string.</summary>
    public const string Text = "text";

    /// <summary><c>number</c>: a number.</summary>
    public const string Number = "number";

    /// <summary><c>boolean</c>: true or false.</summary>
    public const string Boolean = "boolean";

    /// <summary><c>date</c>: a calendar date.</summary>
    public const string Date = "date";

    /// <summary><c>datetime</c>: an instant.</summary>
    public const string DateTime = "datetime";
}
