using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Tests.Rules;

/// <summary>A contact, its facts and a fixed clock, for evaluating rule trees written as JSON.</summary>
internal sealed class RuleTestKit : IRuleFacts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public Contact Contact { get; set; } = new(Guid.Parse("0190f5a2-7c1e-7000-8000-0000000000aa"), Guid.NewGuid(),
        "ada@example.com", "+14155550123", "user_42", "Ada", "Lovelace", "Europe/London",
        SubscriptionStatus.Subscribed, SubscriptionStatus.NonSubscribed, null, [],
        new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero));

    public Dictionary<string, string> FieldTypes { get; } = [];

    public HashSet<Guid> Lists { get; } = [];

    public Dictionary<string, List<RuleEvent>> EventsByName { get; } = [];

    public Dictionary<string, EmailStepFacts> Steps { get; } = [];

    public JsonObject? Context { get; set; }

    /// <summary>Sets a custom field value and, when given, its declared type.</summary>
    public RuleTestKit With(string apiName, JsonNode? value, string? type = null)
    {
        Contact.Fields[apiName] = value;
        if (type is not null)
        {
            FieldTypes[apiName] = type;
        }

        return this;
    }

    public RuleTestKit WithEvent(string name, DateTimeOffset at, string properties = "{}")
    {
        if (!EventsByName.TryGetValue(name, out var list))
        {
            EventsByName[name] = list = [];
        }

        list.Add(new RuleEvent(at, JsonNode.Parse(properties)!.AsObject()));
        return this;
    }

    public bool Matches(string json) =>
        RuleEvaluator.Evaluate(RunnelJson.Deserialize<RuleNode>(json)!,
            new RuleInput(Contact, FieldTypes, Now, this, Context));

    /// <summary>
    /// A contact leaf on <paramref name="field"/>; <paramref name="value"/> is raw JSON, empty for none.
    /// </summary>
    public bool Field(string field, string op, string value = "")
    {
        var valueMember = value.Length == 0 ? "" : $",\"value\":{value}";
        return Matches($$"""{"source":"contact","field":"{{field}}","operator":"{{op}}"{{valueMember}}}""");
    }

    public bool IsInList(Guid listId) => Lists.Contains(listId);

    public IReadOnlyList<RuleEvent> Events(string name) => EventsByName.TryGetValue(name, out var list) ? list : [];

    public EmailStepFacts? EmailStep(string stepId) => Steps.GetValueOrDefault(stepId);
}
