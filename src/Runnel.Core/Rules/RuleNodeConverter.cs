using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runnel.Core.Rules;

/// <summary>
/// Reads and writes rule trees. Reading checks shape only (known members, member types); what the values mean
/// (operators per source, value types, depth, leaf count, where a source is allowed) is <see cref="RuleValidator"/>'s
/// job, so that it can report every problem with its full path.
/// </summary>
public sealed class RuleNodeConverter : JsonConverter<RuleNode>
{
    private static readonly string[] GroupKeys = ["all", "any", "not"];

    public override RuleNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader) ?? throw new JsonException("A rule node must be an object, not null.");
        return ReadNode(node, 0);
    }

    public override void Write(Utf8JsonWriter writer, RuleNode value, JsonSerializerOptions options) =>
        ToJson(value).WriteTo(writer, options);

    /// <summary>The JSON form of a rule tree, as clients send it.</summary>
    public static JsonObject ToJson(RuleNode node) => node switch
    {
        AllRule all => new JsonObject { ["all"] = new JsonArray(all.Nodes.Select(n => (JsonNode)ToJson(n)).ToArray()) },
        AnyRule any => new JsonObject { ["any"] = new JsonArray(any.Nodes.Select(n => (JsonNode)ToJson(n)).ToArray()) },
        NotRule not => new JsonObject { ["not"] = ToJson(not.Node) },
        ContactFieldRule c => new JsonObject
        {
            ["source"] = "contact", ["field"] = c.Field, ["operator"] = c.Operator, ["value"] = c.Value?.DeepClone(),
        },
        ContextFieldRule c => new JsonObject
        {
            ["source"] = "context", ["field"] = c.Field, ["operator"] = c.Operator, ["value"] = c.Value?.DeepClone(),
        },
        ListRule l => new JsonObject { ["source"] = "list", ["list_id"] = l.ListId.ToString("D"), ["operator"] = l.Operator },
        EventRule e => EventToJson(e),
        EmailStepRule s => new JsonObject { ["source"] = "email_step", ["step_id"] = s.StepId, ["operator"] = s.Operator },
        _ => throw new InvalidOperationException($"Unknown rule node {node.GetType().Name}."),
    };

    private static JsonObject EventToJson(EventRule e)
    {
        var json = new JsonObject { ["source"] = "event", ["name"] = e.Name, ["operator"] = e.Operator };
        if (e.WithinDays is { } within)
        {
            json["within_days"] = within;
        }

        if (e.MinCount is { } min)
        {
            json["min_count"] = min;
        }

        if (e.Where is { } where)
        {
            json["where"] = new JsonArray(where.Select(w => (JsonNode)new JsonObject
            {
                ["property"] = w.Property, ["operator"] = w.Operator, ["value"] = w.Value?.DeepClone(),
            }).ToArray());
        }

        return json;
    }

    // Depth is bounded here only to keep a hostile body from recursing without end; the contract's limit of 10 is
    // enforced, with a path, by the validator.
    private const int HardDepthLimit = 32;

    private static RuleNode ReadNode(JsonNode node, int depth)
    {
        if (depth > HardDepthLimit)
        {
            throw new JsonException($"Rule trees nest at most {RuleValidator.MaxDepth} deep.");
        }

        if (node is not JsonObject obj)
        {
            throw new JsonException("A rule node must be an object.");
        }

        var group = GroupKeys.Where(obj.ContainsKey).ToArray();
        if (group.Length > 0)
        {
            if (obj.Count != 1)
            {
                throw new JsonException("A group node has exactly one member: all, any or not.");
            }

            return group[0] switch
            {
                "all" => new AllRule(ReadChildren(obj["all"], "all", depth)),
                "any" => new AnyRule(ReadChildren(obj["any"], "any", depth)),
                _ => new NotRule(ReadNode(obj["not"] ?? throw new JsonException("'not' needs a rule node."), depth + 1)),
            };
        }

        var source = String(obj, "source") ?? throw new JsonException("A rule node needs 'source' (a leaf) or all/any/not.");
        switch (source)
        {
            case "contact":
            case "context":
                Allow(obj, "source", "field", "operator", "value");
                return source == "contact"
                    ? new ContactFieldRule(String(obj, "field") ?? "", String(obj, "operator") ?? "", obj["value"]?.DeepClone())
                    : new ContextFieldRule(String(obj, "field") ?? "", String(obj, "operator") ?? "", obj["value"]?.DeepClone());
            case "list":
                Allow(obj, "source", "list_id", "operator");
                var listId = String(obj, "list_id");
                return new ListRule(Guid.TryParseExact(listId, "D", out var id) ? id : Guid.Empty, String(obj, "operator") ?? "");
            case "event":
                Allow(obj, "source", "name", "operator", "within_days", "min_count", "where");
                return new EventRule(String(obj, "name") ?? "", String(obj, "operator") ?? "", Int(obj, "within_days"),
                    Int(obj, "min_count"), ReadWhere(obj["where"]));
            case "email_step":
                Allow(obj, "source", "step_id", "operator");
                return new EmailStepRule(String(obj, "step_id") ?? "", String(obj, "operator") ?? "");
            default:
                throw new JsonException("'source' must be contact, list, event, context or email_step.");
        }
    }

    private static List<RuleNode> ReadChildren(JsonNode? value, string name, int depth)
    {
        if (value is not JsonArray array)
        {
            throw new JsonException($"'{name}' must be an array of rule nodes.");
        }

        return array.Select(child => ReadNode(child ?? throw new JsonException("A rule node must be an object."), depth + 1))
            .ToList();
    }

    private static List<PropertyFilter>? ReadWhere(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not JsonArray array)
        {
            throw new JsonException("'where' must be an array of property filters.");
        }

        return array.Select(item =>
        {
            if (item is not JsonObject filter)
            {
                throw new JsonException("A property filter must be an object.");
            }

            Allow(filter, "property", "operator", "value");
            return new PropertyFilter(String(filter, "property") ?? "", String(filter, "operator") ?? "",
                filter["value"]?.DeepClone());
        }).ToList();
    }

    private static void Allow(JsonObject obj, params string[] names)
    {
        foreach (var (key, _) in obj)
        {
            if (!names.Contains(key))
            {
                throw new JsonException($"Unknown member '{key}' in a rule node.");
            }
        }
    }

    private static string? String(JsonObject obj, string name)
    {
        var value = obj[name];
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw new JsonException($"'{name}' must be a string.");
    }

    private static int? Int(JsonObject obj, string name)
    {
        var value = obj[name];
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number))
        {
            return number;
        }

        throw new JsonException($"'{name}' must be a whole number.");
    }
}
