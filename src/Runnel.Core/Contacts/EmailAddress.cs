using System.Net.Mail;

namespace Runnel.Core.Contacts;

/// <summary>Email addresses as Runnel stores them: trimmed, lower-cased, one address, at most 254 characters.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return false;
        }

        var trimmed = value.Trim();
        if (trimmed.Contains(' ', StringComparison.Ordinal) || trimmed.Count(c => c == '@') != 1)
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            return false;
        }

        var domain = parsed.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();
}
