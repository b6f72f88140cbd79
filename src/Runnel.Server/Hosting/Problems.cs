using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Json;

namespace Runnel.Server.Hosting;

/// <summary>Writes RFC 9457 problem documents with the extra <c>error_code</c> member (API.md §1).</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static JsonObject Build(RunnelException error)
    {
        var code = error.Code;
        var problem = new JsonObject
        {
            ["type"] = $"urn:runnel:error:{code.Code}",
            ["title"] = code.Title,
            ["status"] = code.Status,
            ["detail"] = error.Detail ?? code.Title,
            ["error_code"] = code.Code,
        };
        if (error.Errors is { } errors)
        {
            var list = new JsonArray();
            foreach (var e in errors)
            {
                list.Add(new JsonObject { ["path"] = e.Path, ["message"] = e.Message });
            }

            problem[code.Code == ErrorCodes.ValidationFailed.Code ? "errors" : "missing"] = list;
        }

        if (error.Extensions is { } extensions)
        {
            foreach (var (name, value) in extensions)
            {
                problem[name] = value is null ? null : JsonNode.Parse(RunnelJson.Serialize(value));
            }
        }

        return problem;
    }

    public static async Task WriteAsync(HttpContext context, RunnelException error)
    {
        context.Response.StatusCode = error.Code.Status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(Build(error).ToJsonString(RunnelJson.Options), context.RequestAborted);
    }

    public static IResult Result(RunnelException error) =>
        TypedResults.Content(Build(error).ToJsonString(RunnelJson.Options), ContentType, statusCode: error.Code.Status);
}
