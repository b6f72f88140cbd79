using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace Runnel.Client;

/// <summary>
/// One HTTP route the SDK calls: its method and path template, the wire types it sends and reads, and whether the
/// current server answers it yet. Every resource method goes through one of these, so the table in
/// <see cref="RunnelRoutes"/> is the complete list the drift test compares with the server's OpenAPI document.
/// </summary>
internal sealed record RunnelRoute(
    string Method,
    string Template,
    JsonTypeInfo? Request,
    JsonTypeInfo? Response,
    string? ListKey = null,
    bool RequiresNewerServer = false)
{
    /// <summary>The template with each <c>{placeholder}</c> replaced, in order, by an escaped value.</summary>
    public string Path(params string[] values)
    {
        var text = new StringBuilder(Template.Length + 40);
        var next = 0;
        for (var i = 0; i < Template.Length; i++)
        {
            if (Template[i] != '{')
            {
                text.Append(Template[i]);
                continue;
            }

            var end = Template.IndexOf('}', i);
            if (next >= values.Length)
            {
                throw new InvalidOperationException($"{Template} needs more path values.");
            }

            var value = values[next++];
            ArgumentException.ThrowIfNullOrEmpty(value, Template[(i + 1)..end]);
            text.Append(Uri.EscapeDataString(value));
            i = end;
        }

        return text.ToString();
    }
}
