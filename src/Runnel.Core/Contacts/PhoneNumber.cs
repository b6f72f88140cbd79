using PhoneNumbers;

namespace Runnel.Core.Contacts;

/// <summary>Phone numbers in E.164. Input must carry its country code (a leading +): there is no default region.</summary>
public static class PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryNormalize(string? value, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(value) || value.Length > 40)
        {
            return false;
        }

        try
        {
            var parsed = Util.Parse(value.Trim(), null);
            if (!Util.IsValidNumber(parsed))
            {
                return false;
            }

            e164 = Util.Format(parsed, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
