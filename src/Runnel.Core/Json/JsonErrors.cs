using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Runnel.Core.Errors;

namespace Runnel.Core.Json;

/// <summary>
/// Turns System.Text.Json failures into one <see cref="FieldError"/> with the full problem path and a plain message
/// ("must be a whole number", "unknown type 'teleport'; expected one of: …"), never a .NET type name.
/// </summary>
public static partial class JsonErrors
{
    // Where a nested read (Optional<T>) keeps the path it saw, relative to the member the outer read is on.
    private const string RelativePathKey = "runnel.json.relative_path";

    /// <summary>Reads <paramref name="node"/> as <typeparamref name="T"/>; failures are validation_failed.</summary>
    public static T Deserialize<T>(JsonNode? node, string prefix)
    {
        try
        {
            return (node is null ? default : node.Deserialize<T>(RunnelJson.Options))
                   ?? throw RunnelException.Invalid(prefix, "must be an object");
        }
        catch (JsonException error)
        {
            throw Invalid(Describe(error, typeof(T), prefix));
        }
        catch (NotSupportedException error)
        {
            throw Invalid(Describe(error, typeof(T), prefix));
        }
    }

    /// <summary>The problem a deserialization failure describes, at its path under <paramref name="prefix"/>.</summary>
    public static FieldError Describe(Exception error, Type rootType, string prefix = "")
    {
        var jsonPath = error is JsonException json ? FullPath(json) : PathInMessage(error.Message);
        var path = RunnelJson.ToProblemPath(jsonPath);
        var cause = RootCause(error);
        var message = cause.Message;

        if (UnknownMemberPattern().Match(message) is { Success: true } unknown)
        {
            var discriminator = DiscriminatorOf(unknown.Groups[1].Value);
            return new FieldError(ValidationErrors.Join(prefix, path),
                discriminator is null ? "unknown field" : $"unknown field for type '{discriminator}'");
        }

        if (UnknownDiscriminatorPattern().Match(message) is { Success: true } discriminatorMatch)
        {
            var known = KnownDiscriminators(rootType, path);
            var text = $"unknown type '{discriminatorMatch.Groups[1].Value}'";
            return new FieldError(ValidationErrors.Join(prefix, ValidationErrors.Join(path, "type")),
                known is null ? text : $"{text}; expected one of: {known}");
        }

        if (message.Contains("must specify a type discriminator", StringComparison.Ordinal))
        {
            var known = KnownDiscriminators(rootType, path);
            return new FieldError(ValidationErrors.Join(prefix, ValidationErrors.Join(path, "type")),
                known is null ? "is required" : $"is required: one of {known}");
        }

        if (ConvertPattern().Match(message) is { Success: true } convert)
        {
            // STJ names the containing record when the member is a constructor parameter, so the member's own type
            // comes from the path when it can be walked; through a polymorphic step the message names it correctly.
            var expected = TypeAt(rootType, path) is { } memberType
                ? Expectation(memberType)
                : Expectation(convert.Groups[1].Value);
            return new FieldError(ValidationErrors.Join(prefix, path), expected);
        }

        return new FieldError(ValidationErrors.Join(prefix, path), PlainMessage(message));
    }

    /// <summary>The path STJ reported, joined with the inner path of a nested read ("$.steps" + "$[0].x").</summary>
    public static string FullPath(JsonException error)
    {
        var outer = error.Path ?? "$";
        return error.Data[RelativePathKey] is string inner ? outer + inner[1..] : outer;
    }

    /// <summary>The "Path: $.a.b" part of an STJ message (NotSupportedException carries its path only there).</summary>
    public static string? PathInMessage(string message)
    {
        var marker = message.IndexOf("Path: ", StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var rest = message[(marker + 6)..];
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        return (end < 0 ? rest : rest[..end]).TrimEnd('.', '|');
    }

    /// <summary>Wraps a nested read's failure so the outer read puts its own path in front of the inner one.</summary>
    internal static JsonException Nested(Exception error, string? relativePath)
    {
        var wrapped = new JsonException(error.Message, error);
        wrapped.Data[RelativePathKey] = relativePath ?? "$";
        return wrapped;
    }

    /// <summary>validation_failed for one problem, with the path in the detail so a log line says where.</summary>
    public static RunnelException Invalid(FieldError error) =>
        new(ErrorCodes.ValidationFailed, error.Path.Length == 0 ? error.Message : $"{error.Path}: {error.Message}",
            [error]);

    private static Exception RootCause(Exception error)
    {
        var current = error;
        while (current is JsonException json && json.Data.Contains(RelativePathKey) && json.InnerException is { } inner)
        {
            current = inner;
        }

        return current;
    }

    private static string Expectation(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return Expectation(type.FullName!);
        }

        if (typeof(JsonNode).IsAssignableFrom(type) && type != typeof(JsonArray))
        {
            return type == typeof(JsonObject) ? "must be an object" : "has the wrong type";
        }

        return type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
               && !type.GetInterfaces().Any(i => i.IsGenericType
                                                 && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            ? "must be an array"
            : "must be an object";
    }

    private static string Expectation(string clrName)
    {
        var name = clrName.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? clrName[18..^1] : clrName;
        switch (name)
        {
            case "System.Int16" or "System.Int32" or "System.Int64" or "System.Byte" or "System.UInt16"
                or "System.UInt32" or "System.UInt64":
                return "must be a whole number";
            case "System.Double" or "System.Single" or "System.Decimal":
                return "must be a number";
            case "System.String":
                return "must be a string";
            case "System.Boolean":
                return "must be true or false";
            case "System.Guid":
                return "must be a UUID";
            case "System.DateTimeOffset" or "System.DateTime":
                return "must be an RFC 3339 timestamp, e.g. 2026-11-22T09:00:00Z";
        }

        if (name.EndsWith("[]", StringComparison.Ordinal)
            || name.StartsWith("System.Collections.Generic.I", StringComparison.Ordinal)
            || name.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal)
            || name.Contains("JsonArray", StringComparison.Ordinal))
        {
            return "must be an array";
        }

        if (typeof(RunnelJson).Assembly.GetType(name) is { IsEnum: true } enumType)
        {
            var names = Enum.GetNames(enumType).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n));
            return $"must be one of: {string.Join(", ", names)}";
        }

        return "must be an object";
    }

    private static string PlainMessage(string message)
    {
        var marker = message.IndexOf(" Path:", StringComparison.Ordinal);
        var core = marker > 0 ? message[..marker] : message;
        return core.Contains("System.", StringComparison.Ordinal) || core.Contains("Runnel.", StringComparison.Ordinal)
            ? "has the wrong type"
            : core;
    }

    /// <summary>The wire <c>type</c> of a derived record ("WaitStep" → "wait"), from its base's attributes.</summary>
    private static string? DiscriminatorOf(string clrName)
    {
        var type = typeof(RunnelJson).Assembly.GetType(clrName);
        for (var parent = type?.BaseType; parent is not null; parent = parent.BaseType)
        {
            var match = parent.GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
                .Cast<JsonDerivedTypeAttribute>().FirstOrDefault(a => a.DerivedType == type);
            if (match is not null)
            {
                return match.TypeDiscriminator as string;
            }
        }

        return null;
    }

    /// <summary>The discriminators of the polymorphic type at <paramref name="path"/> under the root type.</summary>
    private static string? KnownDiscriminators(Type rootType, string path)
    {
        var type = TypeAt(rootType, path);
        if (type is null)
        {
            return null;
        }

        var derived = RunnelJson.Options.GetTypeInfo(type).PolymorphismOptions?.DerivedTypes;
        return derived is null ? null : string.Join(", ", derived.Select(d => d.TypeDiscriminator as string));
    }

    private static Type? TypeAt(Type rootType, string path)
    {
        var type = Unwrap(rootType);
        foreach (Match segment in PathSegmentPattern().Matches(path))
        {
            if (segment.Groups[2].Success)
            {
                var element = type.GetInterfaces().Append(type)
                    .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
                if (element is null || type == typeof(string))
                {
                    return null;
                }

                type = Unwrap(element.GetGenericArguments()[0]);
                continue;
            }

            var info = RunnelJson.Options.GetTypeInfo(type);
            var property = info.Properties.FirstOrDefault(p => p.Name == segment.Groups[1].Value);
            if (property is null)
            {
                return null;
            }

            type = Unwrap(property.PropertyType);
        }

        return type;
    }

    private static Type Unwrap(Type type)
    {
        while (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Optional<>)
                                      || type.GetGenericTypeDefinition() == typeof(Nullable<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return type;
    }

    [GeneratedRegex(@"could not be mapped to any \.NET member contained in type '([^']+)'")]
    private static partial Regex UnknownMemberPattern();

    [GeneratedRegex(@"unrecognized type discriminator id '([^']*)'")]
    private static partial Regex UnknownDiscriminatorPattern();

    [GeneratedRegex(@"could not be converted to (\S+?)\.?(?: Path|$)")]
    private static partial Regex ConvertPattern();

    [GeneratedRegex(@"([^.\[\]]+)|\[(\d+)\]")]
    private static partial Regex PathSegmentPattern();
}
