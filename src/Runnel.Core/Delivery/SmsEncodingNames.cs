namespace Runnel.Core.Delivery;

/// <summary>
/// The wire names of <see cref="SmsEncoding"/> (<c>gsm7</c>, <c>ucs2</c>), as stored and answered by the API.
/// </summary>
public static class SmsEncodingNames
{
    public const string Gsm7 = "gsm7";
    public const string Ucs2 = "ucs2";

    public static string Of(SmsEncoding e) => e switch
    {
        SmsEncoding.Gsm7 => Gsm7,
        SmsEncoding.Ucs2 => Ucs2,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown SMS encoding."),
    };
}
