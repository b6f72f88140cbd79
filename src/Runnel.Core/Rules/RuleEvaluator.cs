using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using static Runnel.Core.Rules.RuleOperators;

namespace Runnel.Core.Rules;

/// <summary>
/// Decides whether a contact matches a validated rule tree (API.md §6). Pure: every fact comes in through
/// <see cref="RuleInput"/>. The semantics, including the coercions, are described in docs/lists-and-rules.md.
/// </summary>
public static class RuleEvaluator
{
    private const string TextType = "text";
    private const string NumberType = "number";
    private const string BooleanType = "boolean";
    private const string DateType = "date";
    private const string DateTimeType = "datetime";

    /// <summary>Standard contact fields by JSON name, with the type they compare as.</summary>
    private static readonly Dictionary<string, (string Type, Func<Contact, JsonNode?> Read)> StandardFields =
        new(StringComparer.Ordinal)
        {
            ["id"] = (TextType, c => JsonValue.Create(Ids.Format(c.Id))),
            ["email"] = (TextType, c => Text(c.Email)),
            ["phone"] = (TextType, c => Text(c.Phone)),
            ["external_id"] = (TextType, c => Text(c.ExternalId)),
            ["first_name"] = (TextType, c => Text(c.FirstName)),
            ["last_name"] = (TextType, c => Text(c.LastName)),
            ["timezone"] = (TextType, c => Text(c.Timezone)),
            ["email_subscription_status"] = (TextType, c => Status(c.EmailSubscriptionStatus)),
            ["sms_subscription_status"] = (TextType, c => Status(c.SmsSubscriptionStatus)),
            ["opted_in_at"] = (DateTimeType, c => Timestamp(c.OptedInAt)),
            ["created_at"] = (DateTimeType, c => Timestamp(c.CreatedAt)),
            ["updated_at"] = (DateTimeType, c => Timestamp(c.UpdatedAt)),
        };

    public static bool Evaluate(RuleNode node, RuleInput input) => node switch
    {
        AllRule all => all.Nodes.All(n => Evaluate(n, input)),
        AnyRule any => any.Nodes.Any(n => Evaluate(n, input)),
        NotRule not => !Evaluate(not.Node, input),
        ContactFieldRule c => Match(ReadField(input.Contact, input.FieldTypes, c.Field, out var type), type,
            c.Operator, c.Value, input.Now),
        ContextFieldRule c => Match(RuleValues.Lookup(input.Context, c.Field), null, c.Operator, c.Value, input.Now),
        ListRule l => l.Operator == In ? input.Facts.IsInList(l.ListId) : !input.Facts.IsInList(l.ListId),
        EventRule e => EvaluateEvent(e, input),
        EmailStepRule s => EvaluateEmailStep(s, input.Facts.EmailStep(s.StepId)),
        _ => throw new InvalidOperationException($"Unknown rule node {node.GetType().Name}."),
    };

    /// <summary>
    /// A contact field's value and the type it compares as: standard fields first, then custom fields typed by their
    /// definition (a value without a definition is compared by its JSON kind).
    /// </summary>
    public static JsonNode? ReadField(Contact contact, IReadOnlyDictionary<string, string> fieldTypes, string name,
        out string? type)
    {
        if (StandardFields.TryGetValue(name, out var standard))
        {
            type = standard.Type;
            return standard.Read(contact);
        }

        type = fieldTypes.TryGetValue(name, out var custom) ? custom : null;
        return contact.Fields.TryGetPropertyValue(name, out var value) ? value : null;
    }

    /// <summary>The type a field compares as: a standard field's, else the custom field definition's (or null).</summary>
    public static string? FieldType(string name, IReadOnlyDictionary<string, string> fieldTypes) =>
        StandardFields.TryGetValue(name, out var standard) ? standard.Type : fieldTypes.GetValueOrDefault(name);

    /// <summary>The standard contact fields by JSON name, as rules and triggers name them.</summary>
    public static IEnumerable<string> StandardFieldNames => StandardFields.Keys;

    /// <summary>One field condition on a value already read (a trigger testing a field's new value).</summary>
    public static bool MatchesValue(JsonNode? actual, string? type, string op, JsonNode? expected,
        DateTimeOffset now) => Match(actual, type, op, expected, now);

    /// <summary>Whether event properties pass every filter of a <c>where</c> list.</summary>
    public static bool MatchesProperties(JsonObject properties, IReadOnlyList<PropertyFilter> where,
        DateTimeOffset now) =>
        where.All(f => Match(RuleValues.Lookup(properties, f.Property), null, f.Operator, f.Value, now));

    private static bool EvaluateEvent(EventRule rule, RuleInput input)
    {
        var needed = rule.MinCount ?? 1;
        DateTimeOffset? from = rule.WithinDays is { } days ? input.Now.AddDays(-days) : null;
        var count = 0;
        foreach (var e in input.Facts.Events(rule.Name))
        {
            if (from is { } start && (e.OccurredAt < start || e.OccurredAt > input.Now))
            {
                continue;
            }

            if (rule.Where is { } where && !MatchesProperties(e.Properties, where, input.Now))
            {
                continue;
            }

            if (++count >= needed)
            {
                break;
            }
        }

        var performed = count >= needed;
        return rule.Operator == Performed ? performed : !performed;
    }

    private static bool EvaluateEmailStep(EmailStepRule rule, EmailStepFacts? facts) => rule.Operator switch
    {
        Sent => facts?.Sent == true,
        Delivered => facts?.Delivered == true,
        Opened => facts?.Opened == true,
        Clicked => facts?.Clicked == true,
        Bounced => facts?.Bounced == true,
        NotOpened => facts is { Sent: true, Opened: false },
        NotClicked => facts is { Sent: true, Clicked: false },
        _ => throw new InvalidOperationException($"Unknown email_step operator '{rule.Operator}'."),
    };

    /// <summary>One field condition. A missing value satisfies only the negative operators.</summary>
    private static bool Match(JsonNode? actual, string? type, string op, JsonNode? expected, DateTimeOffset now)
    {
        if (!RuleValues.IsSet(actual))
        {
            return TrueWhenMissing.Contains(op);
        }

        return op switch
        {
            IsSet => true,
            IsNotSet => false,
            Eq => AreEqual(actual, type, expected),
            Neq => !AreEqual(actual, type, expected),
            Gt => Compare(actual, type, expected, ordering: true) > 0,
            Gte => Compare(actual, type, expected, ordering: true) >= 0,
            Lt => Compare(actual, type, expected, ordering: true) < 0,
            Lte => Compare(actual, type, expected, ordering: true) <= 0,
            Contains => ContainsValue(actual, expected),
            NotContains => !ContainsValue(actual, expected),
            StartsWith => RuleValues.AsString(expected) is { } prefix
                          && RuleValues.AsText(actual)?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true,
            EndsWith => RuleValues.AsString(expected) is { } suffix
                        && RuleValues.AsText(actual)?.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) == true,
            In => IsOneOf(actual, type, expected),
            NotIn => !IsOneOf(actual, type, expected),
            Before => CompareTemporal(RuleValues.AsTemporal(actual), RuleValues.AsTemporal(expected)) < 0,
            After => CompareTemporal(RuleValues.AsTemporal(actual), RuleValues.AsTemporal(expected)) > 0,
            WithinLastDays => IsWithinLastDays(RuleValues.AsTemporal(actual), Days(expected), now),
            MoreThanDaysAgo => IsMoreThanDaysAgo(RuleValues.AsTemporal(actual), Days(expected), now),
            _ => throw new InvalidOperationException($"Unknown field operator '{op}'."),
        };
    }

    private static bool AreEqual(JsonNode actual, string? type, JsonNode? expected) =>
        Compare(actual, type, expected, ordering: false) == 0;

    private static bool IsOneOf(JsonNode actual, string? type, JsonNode? expected) =>
        expected is JsonArray options && options.Any(option => AreEqual(actual, type, option));

    /// <summary>
    /// Substring match on text; on an array (context or event JSON), whether an element equals the value.
    /// </summary>
    private static bool ContainsValue(JsonNode actual, JsonNode? expected)
    {
        if (RuleValues.AsString(expected) is not { } needle)
        {
            return false;
        }

        return actual is JsonArray items
            ? items.Any(item => string.Equals(RuleValues.AsText(item), needle, StringComparison.OrdinalIgnoreCase))
            : RuleValues.AsText(actual)?.Contains(needle, StringComparison.OrdinalIgnoreCase) == true;
    }

    /// <summary>
    /// Orders two operands, or null when they cannot be compared (then every comparison is false and neq is true).
    /// A declared type decides how both sides are read; without one the actual value's JSON kind decides.
    /// </summary>
    private static int? Compare(JsonNode actual, string? type, JsonNode? expected, bool ordering) => type switch
    {
        DateType or DateTimeType => CompareTemporal(RuleValues.AsTemporal(actual), RuleValues.AsTemporal(expected)),
        NumberType => CompareNumbers(RuleValues.AsNumber(actual), RuleValues.AsNumber(expected)),
        BooleanType => ordering ? null : CompareBooleans(RuleValues.AsBoolean(actual), RuleValues.AsBoolean(expected)),
        TextType => CompareText(actual, expected),
        _ => CompareByKind(actual, expected, ordering),
    };

    private static int? CompareByKind(JsonNode actual, JsonNode? expected, bool ordering)
    {
        switch (actual.GetValueKind())
        {
            case JsonValueKind.Number:
                return CompareNumbers(RuleValues.AsNumber(actual), RuleValues.AsNumber(expected));
            case JsonValueKind.True or JsonValueKind.False:
                return ordering ? null : CompareBooleans(RuleValues.AsBoolean(actual), RuleValues.AsBoolean(expected));
            case JsonValueKind.String when RuleValues.IsBoolean(expected):
                return ordering ? null : CompareBooleans(RuleValues.AsBoolean(actual), RuleValues.AsBoolean(expected));
            case JsonValueKind.String:
                var (a, e) = (RuleValues.AsTemporal(actual), RuleValues.AsTemporal(expected));
                return a is not null && e is not null ? CompareTemporal(a, e) : CompareText(actual, expected);
            default:
                return null;
        }
    }

    /// <summary>
    /// Text compares case-insensitively; against a number it compares as a number when it holds one, and is
    /// incomparable when it does not ("abc" is neither above nor below 5).
    /// </summary>
    private static int? CompareText(JsonNode actual, JsonNode? expected)
    {
        if (RuleValues.IsNumber(expected))
        {
            return CompareNumbers(RuleValues.AsNumber(actual), RuleValues.AsNumber(expected));
        }

        var (a, e) = (RuleValues.AsText(actual), RuleValues.AsText(expected));
        return a is null || e is null ? null : Math.Sign(string.Compare(a, e, StringComparison.OrdinalIgnoreCase));
    }

    private static int? CompareNumbers(double? a, double? b) => a is { } x && b is { } y ? x.CompareTo(y) : null;

    private static int? CompareBooleans(bool? a, bool? b) => a is { } x && b is { } y ? (x == y ? 0 : 1) : null;

    private static int? CompareTemporal(Temporal? a, Temporal? b) =>
        a is { } x && b is { } y ? Temporal.Compare(x, y) : null;

    /// <summary>From <paramref name="days"/> days before now up to now; a date counts whole UTC days.</summary>
    private static bool IsWithinLastDays(Temporal? value, int days, DateTimeOffset now)
    {
        if (value is not { } t)
        {
            return false;
        }

        var from = now.AddDays(-days);
        return t.IsDate
            ? t.Day >= DateOnly.FromDateTime(from.UtcDateTime) && t.Day <= DateOnly.FromDateTime(now.UtcDateTime)
            : t.Instant >= from && t.Instant <= now;
    }

    private static bool IsMoreThanDaysAgo(Temporal? value, int days, DateTimeOffset now)
    {
        if (value is not { } t)
        {
            return false;
        }

        var from = now.AddDays(-days);
        return t.IsDate ? t.Day < DateOnly.FromDateTime(from.UtcDateTime) : t.Instant < from;
    }

    private static int Days(JsonNode? value) => (int)(RuleValues.AsNumber(value) ?? 0);

    private static JsonValue? Text(string? value) => value is null ? null : JsonValue.Create(value);

    private static JsonValue Status(SubscriptionStatus status) =>
        JsonValue.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()));

    private static JsonValue? Timestamp(DateTimeOffset? value) =>
        value is { } t ? JsonValue.Create(UtcTimestampConverter.Format(t)) : null;
}
