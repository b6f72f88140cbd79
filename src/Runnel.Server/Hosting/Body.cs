using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Runnel.Server.Hosting;

/// <summary>
/// A JSON request body bound by <see cref="RequestBody"/> rather than the framework, so every binding failure is a
/// problem document. Declares the body type to OpenAPI.
/// </summary>
[SuppressMessage("Design", "CA1000", Justification = "Minimal APIs bind through static BindAsync.")]
public sealed class Body<T> : IEndpointParameterMetadataProvider
    where T : class
{
    private Body(T value) => Value = value;

    public T Value { get; }

    public static async ValueTask<Body<T>?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        new(await RequestBody.ReadAsync<T>(context));

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T), IsOptional: false));
}
