using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Runnel.Server.Hosting;
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
