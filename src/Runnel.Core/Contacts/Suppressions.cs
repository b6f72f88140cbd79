using System.Security.Cryptography;
using System.Text;

namespace Runnel.Core.Contacts;

/// <summary>
/// The suppression list: addresses of erased contacts, kept only as SHA-256 hashes of their normalised form, so a
/// later contact with the same address is not mailed or texted by accident while the address itself is forgotten.
/// </summary>
public static class Suppressions
{
    public const string EmailChannel = "email";
    public const string SmsChannel = "sms";
    public const string ContactErased = "contact_deleted";

    /// <summary>Lower-case hex SHA-256 of a normalised address (a lower-cased email or an E.164 phone).</summary>
    public static string Hash(string normalizedAddress) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedAddress)));
}
