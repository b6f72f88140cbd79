using System.Reflection;
using Runnel.Core.Errors;
using Runnel.Core.Json;

namespace Runnel.Server.Hosting;
/// <summary>JSON results written with the API's serializer options.</summary>
public static class ApiResults
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, RunnelJson.Options, "application/json", status);

    public static IResult Created(object value) => Json(value, StatusCodes.Status201Created);
}
