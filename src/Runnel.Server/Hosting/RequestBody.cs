using System.Text.Json;
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

    public static T Parse<T>(byte[] bytes)
        where T : class
    {
        try
        {
            // Duplicate member names are rejected here: a JsonObject holding them throws when first read, far away.
            using var document = JsonDocument.Parse(bytes,
                new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw RunnelException.Invalid("", "The body must be a JSON object.");
            }
        }
        catch (JsonException error)
        {
            throw new RunnelException(ErrorCodes.InvalidJson, $"Malformed JSON: {error.Message}");
        }

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
}
