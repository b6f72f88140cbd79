using Runnel.Core.Contacts;

namespace Runnel.Core.Tests.Contacts;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+1 (415) 555-0123", "+14155550123")]
    [InlineData("+14155550123", "+14155550123")]
    [InlineData("  +1-415-555-0123  ", "+14155550123")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+49 30 901820", "+4930901820")]
    public void International_numbers_normalise_to_e164(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("(415) 555-0123")] // national format: no country to assume
    [InlineData("4155550123")]
    [InlineData("0044 20 7946 0958")]
    [InlineData("+1 555")] // too short to be a number anywhere
    [InlineData("+999 1234567")] // no such country code
    [InlineData("+1 415 555 0123 0123 0123 0123 0123 0123 0123")] // over 40 characters
    [InlineData("+")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a phone")]
    [InlineData(null)]
    public void Anything_else_is_rejected(string? input)
    {
        Assert.False(PhoneNumber.TryNormalize(input, out _));
    }
}
