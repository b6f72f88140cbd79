using Runnel.Core.Contacts;

namespace Runnel.Core.Tests.Contacts;

public sealed class PhonesTests
{
    [Theory]
    [InlineData("+1 (415) 555-0123", "+14155550123")]
    [InlineData("+14155550123", "+14155550123")]
    [InlineData("  +1-415-555-0123  ", "+14155550123")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+49 30 901820", "+4930901820")]
    public void International_numbers_normalise_to_e164(string input, string expected)
    {
        Assert.True(Phones.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("(415) 555-0123")] // national format: no country to assume
    [InlineData("4155550123")]
    [InlineData("0044 20 7946 0958")]
    [InlineData("+1 555")] // too short to be a number anywhere
    [InlineData("+999 1234567")] // no such country code
    [InlineData("+1 415 555 0123 ext. 7")] // E.164 cannot hold an extension
    [InlineData("+")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a phone")]
    [InlineData(null)]
    public void Anything_else_is_rejected(string? input)
    {
        Assert.False(Phones.TryNormalize(input, out var e164));
        Assert.Null(e164);
    }

    [Fact]
    public void Overlong_input_is_rejected_before_parsing()
    {
        Assert.False(Phones.TryNormalize("+1" + new string('5', Phones.MaxInputLength), out _));
    }
}
