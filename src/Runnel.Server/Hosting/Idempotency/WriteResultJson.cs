using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Runnel.Core.Json;

namespace Runnel.Server.Hosting.Idempotency;

/// <summary>
/// Stores what a write returned so that a retry after a crash gets the same value back. Unlike the wire format, it
/// keeps everything: members the API hides (<c>[JsonIgnore]</c>), non-public setters, fields (tuples) and the concrete
/// type behind an abstract one. Every value is checked to read back as it was written before it is stored, so a type
/// this cannot carry fails loudly, in the write, instead of when a crashed request is retried.
/// </summary>
public static class WriteResultJson
{
    private static readonly ConcurrentDictionary<Type, Type[]> DerivedTypes = new();

    public static JsonSerializerOptions Options { get; } = Create();

    public static byte[] Serialize<T>(T value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Options);
        var again = JsonSerializer.SerializeToUtf8Bytes(Deserialize<T>(bytes), Options);
        if (!bytes.AsSpan().SequenceEqual(again))
        {
            throw new InvalidOperationException(
                $"A write result of type {typeof(T)} does not survive being stored for idempotent retries.");
        }

        return bytes;
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, Options)!;

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(KeepEverything);
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            IncludeFields = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            MaxDepth = 256,
        };
        options.Converters.Add(new OptionalConverterFactory());
        options.MakeReadOnly();
        return options;
    }

    private static void KeepEverything(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var bound = info.Properties.Select(p => p.AttributeProvider).OfType<PropertyInfo>().ToHashSet();
        foreach (var property in info.Properties)
        {
            property.ShouldSerialize = null;
            if (property.Set is null && property.AttributeProvider is PropertyInfo { } member
                && member.GetSetMethod(nonPublic: true) is { } setter)
            {
                property.Set = (target, value) => setter.Invoke(target, [value]);
            }
        }

        foreach (var member in info.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (bound.Contains(member) || member.GetIndexParameters().Length > 0 || member.GetMethod is null
                || member.GetSetMethod(nonPublic: true) is not { } setter)
            {
                continue; // Already carried, or computed from the others.
            }

            var hidden = info.CreateJsonPropertyInfo(member.PropertyType, "~" + member.Name);
            hidden.Get = target => member.GetValue(target);
            hidden.Set = (target, value) => setter.Invoke(target, [value]);
            info.Properties.Add(hidden);
        }

        if (info.PolymorphismOptions is null && Derived(info.Type) is { Length: > 0 } derived)
        {
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "$type",
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var type in derived)
            {
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.FullName!));
            }
        }
    }

    /// <summary>The concrete types of Runnel's own assemblies that derive from <paramref name="type"/>.</summary>
    private static Type[] Derived(Type type) => DerivedTypes.GetOrAdd(type, t =>
        t.IsSealed || t.Assembly.GetName().Name?.StartsWith("Runnel", StringComparison.Ordinal) != true
            ? []
            : t.Assembly.GetTypes()
                .Where(d => d != t && !d.IsAbstract && !d.ContainsGenericParameters && t.IsAssignableFrom(d))
                .ToArray());
}
