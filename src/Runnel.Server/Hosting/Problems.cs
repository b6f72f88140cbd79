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

            // Field problems of a body (validation_failed, and invalid_json naming the offending value) are "errors";
            // the problem list of a not-ready answer is "missing".
            var member = code.Code == ErrorCodes.ValidationFailed.Code || code.Code == ErrorCodes.InvalidJson.Code
                ? "errors"
                : "missing";
            problem[member] = list;
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
