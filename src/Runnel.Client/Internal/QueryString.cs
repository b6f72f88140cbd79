using System.Globalization;
using System.Text;

namespace Runnel.Client;

/// <summary>Builds a URL query from the members a caller set; null values are left out.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public void Add(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    public void Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public void Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public override string ToString() => _text.ToString();
}
