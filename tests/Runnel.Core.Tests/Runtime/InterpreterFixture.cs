using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Flows;
using Runnel.Core.Interpreter;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Rules;
using Runnel.Core.Templates;

namespace Runnel.Core.Tests.Runtime;

/// <summary>Builds interpreter inputs from JSON flow definitions, with a scripted rule oracle and a plain renderer.</summary>
internal sealed class InterpreterFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public Dictionary<Guid, ApprovedEmail> Emails { get; } = [];

    public Func<RuleNode, Contact, Member, bool> Oracle { get; set; } = (_, _, _) => false;

    public Dictionary<string, string> FieldTypes { get; } = new() { ["plan"] = "text", ["score"] = "number", ["renews_on"] = "date" };

    public StepInterpreter Interpreter { get; } = new(new TemplateRenderer(TimeProvider.System));

    public static FlowDefinition Definition(string json) =>
        JsonSerializer.Deserialize<FlowDefinition>(json, RunnelJson.Options)!;

    public static Contact Contact(string? email = "ada@example.com", string timezone = "UTC") =>
        new(Guid.CreateVersion7(), Guid.Empty, email, null, null, "Ada", "Lovelace", timezone,
            SubscriptionStatus.Subscribed, SubscriptionStatus.NonSubscribed, null, new JsonObject(), Start, Start);

    public static Member NewMember(FlowDefinition definition, Contact contact, DateTimeOffset? at = null) =>
        new(Guid.CreateVersion7(), Guid.Empty, Guid.Empty, 1, contact.Id, MemberStatus.Active,
            definition.EffectiveEntryStepId, at ?? Start, null, null, 0, 0, at ?? Start, null, null, null,
            new JsonObject { ["cart_total"] = 120 }, new JsonObject { ["coupon_code"] = "SAVE20" }, new JsonObject(),
            at ?? Start, 0);

    public RunResult Run(FlowDefinition definition, Member member, Contact contact, DateTimeOffset now) =>
        Interpreter.Run(new RunInput(member, contact, definition, "Test flow", now, new ScriptedOracle(Oracle),
            id => Emails.GetValueOrDefault(id), FieldTypes, "https://runnel.test/u/token", Guid.CreateVersion7));

    private sealed class ScriptedOracle(Func<RuleNode, Contact, Member, bool> evaluate) : IRuleOracle
    {
        public bool Evaluate(RuleNode rule, Contact contact, Member member, IReadOnlyList<ListChange> pending) =>
            evaluate(rule, contact, member);
    }
}
