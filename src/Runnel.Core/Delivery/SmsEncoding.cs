namespace Runnel.Core.Delivery;

/// <summary>
/// The data coding an SMS goes out in (3GPP TS 23.038): the GSM 7-bit default alphabet with its extension table, or
/// UCS-2 (sent as UTF-16, so characters outside the Basic Multilingual Plane take two code units) as soon as one
/// character is in neither GSM table.
/// </summary>
public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}
