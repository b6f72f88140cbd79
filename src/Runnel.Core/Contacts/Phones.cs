using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Runnel.Core.Contacts;

/// <summary>
/// Phone numbers as Runnel stores them: E.164 (<c>+14155550123</c>). Input must be international, with a leading
/// <c>+</c> and the country code: a contact's country is not known, and guessing a default region would turn one
/// person's number into another's.
/// </summary>
public static class Phones
{
    // No real number, however it is punctuated, comes near this; the cap bounds the parser's work on hostile input.
    public const int MaxInputLength = 64;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength)
        {
            return false;
        }

        var trimmed = input.Trim();
        if (!trimmed.StartsWith('+'))
        {
            return false;
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(trimmed, null);
        }
        catch (NumberParseException)
        {
            return false;
        }

        // E.164 has no room for an extension; dropping it silently would text the switchboard.
        if (parsed.HasExtension || !Util.IsValidNumber(parsed))
        {
            return false;
        }

        e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        return true;
    }
}
