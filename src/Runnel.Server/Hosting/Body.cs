using System.Reflection;
using System.Diagnostics.CodeAnalysis;
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

/// <summary>Like <see cref="Body{T}"/>, but an empty body counts as <c>{}</c> (for action endpoints with options).</summary>
[SuppressMessage("Design", "CA1000", Justification = "Minimal APIs bind through static BindAsync.")]
public sealed class OptionalBody<T> : IEndpointParameterMetadataProvider
    where T : class
{
    private OptionalBody(T value) => Value = value;

    public T Value { get; }

    public static async ValueTask<OptionalBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        new(await RequestBody.ReadAsync<T>(context, allowEmpty: true));

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T), IsOptional: true));
}

/// <summary>
/// Names the JSON body type for the OpenAPI document. Deliberately not <see cref="IAcceptsMetadata"/>: that would make
/// routing answer 415 to clients that omit or mislabel Content-Type, where we prefer to parse the body and say what is
/// wrong with it.
/// </summary>
public sealed record JsonBodyMetadata(Type Type, bool IsOptional);
