namespace Runnel.Core.Emails;

/// <summary>Wire values: draft, approved.</summary>
public enum EmailStatus
{
    Draft,
    Approved,
}
