using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Members;

namespace Runnel.Core.Interpreter;
/// <summary>
/// What a run decided: the member's next state and everything to commit with it. A run that stopped at a scratch page
/// for the generator's answer carries <see cref="Generation"/>: the runner fetches it and runs the member again.
/// </summary>
public sealed record RunResult(
    Member Member,
    Contact Contact,
    IReadOnlyDictionary<string, JsonNode?> ContactChanges,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<OutboundMessage> Messages,
    IReadOnlyList<ListChange> ListChanges,
    int StepsExecuted,
    IReadOnlyList<Webhooks.WebhookRequest>? Webhooks = null,
    IReadOnlyList<Pages.LandingPage>? Pages = null,
    Pages.PageGenerationRequest? Generation = null);
