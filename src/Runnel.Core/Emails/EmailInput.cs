using System.Text;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Json;

namespace Runnel.Core.Emails;

/// <summary>The format rules of email and template fields, shared by create and update.</summary>
internal static class EmailInput
{
    public const int MaxNameLength = 200;

    /// <summary>RFC 5322 caps a header line at 998 characters.</summary>
    public const int MaxSubjectLength = 998;

    /// <summary>Inbox previews show about a hundred characters; a thousand leaves room for Liquid.</summary>
    public const int MaxPreheaderLength = 1000;

    public const int MaxFromNameLength = 200;

    /// <summary>Half the 1 MiB request limit, so html and text both fit in one request.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static string Subject(string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            errors.Add("subject", "is required");
            return "";
        }

        Line(value, "subject", MaxSubjectLength, errors);
        return value;
    }

    /// <summary>Optional text that becomes a header: bounded and on one line.</summary>
    public static void Line(string? value, string path, int max, ValidationErrors errors)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > max)
        {
            errors.Add(path, $"must be at most {max} characters");
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add(path, "must be a single line");
        }
    }

    public static void Body(string? value, string path, ValidationErrors errors)
    {
        if (value is not null && Encoding.UTF8.GetByteCount(value) > MaxBodyBytes)
        {
            errors.Add(path, $"must be at most {MaxBodyBytes / 1024} KiB");
        }
    }

    /// <summary>A single address, normalized; null stays null.</summary>
    public static string? Address(string? value, string path, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!EmailAddress.IsValid(value))
        {
            errors.Add(path, "must be an email address");
            return null;
        }

        return EmailAddress.Normalize(value);
    }

    /// <summary>A PATCH member that may be absent but, when present, not null.</summary>
    public static bool NotNull<T>(Optional<T?> value, string path, ValidationErrors errors)
        where T : class
    {
        if (value is { IsSet: true, Value: null })
        {
            errors.Add(path, "cannot be null");
            return false;
        }

        return value.IsSet;
    }
}
