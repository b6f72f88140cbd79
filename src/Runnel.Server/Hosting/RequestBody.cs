using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Json;

namespace Runnel.Server.Hosting;

/// <summary>
/// Reads JSON request bodies under the API's rules: at most 1 MiB (413), well-formed (invalid_json), and mapped
/// strictly onto the request type, with unknown members and wrong types reported by path (validation_failed).
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions =
        new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes)
        {
            throw new RunnelException(ErrorCodes.PayloadTooLarge, $"Bodies are limited to {MaxBytes} bytes.");
        }

        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new RunnelException(ErrorCodes.PayloadTooLarge, $"Bodies are limited to {MaxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }

        return buffer.ToArray();
    }

    public static async Task<T> ReadAsync<T>(HttpContext context, bool allowEmpty = false)
        where T : class
    {
        var bytes = await ReadBytesAsync(context);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            if (allowEmpty)
            {
                return Parse<T>("{}"u8.ToArray());
            }

            throw new RunnelException(ErrorCodes.InvalidJson, "The request body is empty; send a JSON object.");
        }

        return Parse<T>(bytes);
    }

    /// <summary>
    /// Any JSON value, read under the same rules as every body (provider webhooks may send an array): see
    /// <see cref="Validate"/>. Null only for a literal <c>null</c>.
    /// </summary>
    public static JsonNode? ParseNode(byte[] bytes)
    {
        Validate(bytes, requireObject: false);
        return JsonNode.Parse(bytes, documentOptions: DocumentOptions);
    }

    public static T Parse<T>(byte[] bytes)
        where T : class
    {
        Validate(bytes, requireObject: true);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, RunnelJson.Options)
                   ?? throw RunnelException.Invalid("", "The body must be a JSON object.");
        }
        catch (JsonException error)
        {
            throw JsonErrors.Invalid(JsonErrors.Describe(error, typeof(T)));
        }
        catch (NotSupportedException error)
        {
            // STJ says NotSupported for a polymorphic member without a "type" discriminator.
            throw JsonErrors.Invalid(JsonErrors.Describe(error, typeof(T)));
        }
        catch (InvalidOperationException error)
        {
            throw RunnelException.Invalid("", error.Message);
        }
    }

    /// <summary>
    /// The one check of JSON text every route goes through before anything is built from it: well-formed, at most 64
    /// deep, no duplicate member names (a JsonObject holding them throws when first read, far away), and no lone
    /// UTF-16 surrogate escape (<c>"\ud800"</c>) in any string or member name — the reader accepts those, and a
    /// free-form <c>JsonNode</c> holding one throws when it is first read as a string. All are invalid_json.
    /// </summary>
    private static void Validate(byte[] bytes, bool requireObject)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException error)
        {
            throw new RunnelException(ErrorCodes.InvalidJson, $"Malformed JSON: {error.Message}");
        }
        catch (InvalidOperationException)
        {
            // The duplicate check unescapes member names, and a lone surrogate in one throws there; parse again
            // without that check, only to find where it is.
            using var lenient = JsonDocument.Parse(bytes, DocumentOptions with { AllowDuplicateProperties = true });
            throw LoneSurrogate(LoneSurrogateAt(lenient.RootElement, "") ?? "");
        }

        using (document)
        {
            if (requireObject && document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw RunnelException.Invalid("", "The body must be a JSON object.");
            }

            if (LoneSurrogateAt(document.RootElement, "") is { } path)
            {
                throw LoneSurrogate(path);
            }
        }
    }

    private static RunnelException LoneSurrogate(string path) =>
        new(ErrorCodes.InvalidJson,
            $"Malformed JSON: {(path.Length == 0 ? "the body" : path)} holds a lone UTF-16 surrogate escape.",
            [new FieldError(path, "holds a lone UTF-16 surrogate escape (\\ud800-\\udfff without its pair)")]);

    /// <summary>The problem path of the first string or member name that is not valid UTF-16, or null.</summary>
    private static string? LoneSurrogateAt(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsValidText(element) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (LoneSurrogateAt(item, ValidationErrors.Index(path, index++)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }

                    if (LoneSurrogateAt(property.Value, ValidationErrors.Join(path, name)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsValidText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // STJ's way of saying the unescaped text is not valid UTF-16.
            return false;
        }
    }
}
