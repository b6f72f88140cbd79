using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Diagnostics;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// Puts contacts into flows (API.md §8.6): by the trigger API, by hand, and from trigger events (TriggerDispatcher, DateTriggerScheduler). Every
/// enrollment is one transaction — contact upsert, checks, member row, first timeline entry — and the database's
/// unique index on running memberships makes concurrent duplicates impossible.
/// </summary>
public sealed partial class EnrollmentService(IRunnelStore store, TimeProvider time, ContactService contacts, RunnerSignal signal,
    RuntimeMetrics metrics, FlowVersionCache versions)
{
    /// <summary>API.md: the trigger context is at most 16 KiB.</summary>
    public const int MaxContextBytes = 16 * 1024;

    public const string Started = "started";
    public const string AlreadyRunning = "already_running";
    public const string Skipped = "skipped";

    public async Task<TriggerOutcome> TriggerAsync(Guid workspaceId, Guid flowId, TriggerFlowRequest request,
        bool publicKey, CancellationToken ct)
    {
        var upsert = PlanTrigger(request);
        var now = time.GetUtcNow();
        var outcome = await store.WriteAsync(async s =>
            await TriggerInSessionAsync(s, await ApiTargetAsync(s, workspaceId, flowId, publicKey), upsert,
                request.Context, now), ct);
        if (outcome.Status == Started)
        {
            metrics.Enrolled();
            signal.Notify();
        }

        return outcome;
    }

    /// <summary>An active flow the trigger API may start: its running definition and its <c>api</c> triggers.</summary>
    private sealed record ApiTriggerTarget(Flow Flow, FlowDefinition Definition, ApiTrigger[] Triggers);

    /// <summary>The flow-level checks of the trigger API (API.md §8.6), in its order.</summary>
    private async Task<ApiTriggerTarget> ApiTargetAsync(IStoreSession s, Guid workspaceId, Guid flowId, bool publicKey)
    {
        var flow = await s.Flows.GetAsync(workspaceId, flowId);
        if (flow is null || flow.Status != FlowStatus.Active)
        {
            throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
        }

        var definition = await RunningAsync(s, flow);
        if (definition.EffectiveEntryStepId is null)
        {
            throw new RunnelException(ErrorCodes.FlowNoEntryStep);
        }

        var apiTriggers = definition.Triggers.OfType<ApiTrigger>().ToArray();
        if (apiTriggers.Length == 0)
        {
            throw new RunnelException(ErrorCodes.FlowNotApiTriggered);
        }

        if (publicKey && !definition.Settings.AllowPublicTrigger)
        {
            throw new RunnelException(ErrorCodes.FlowPublicTriggerDisabled);
        }

        return new ApiTriggerTarget(flow, definition, apiTriggers);
    }

    /// <summary>
    /// One recipient of the trigger API inside the caller's write. Every <see cref="RunnelException"/> it raises (a
    /// missing contact, an invalid field value, an identity conflict) is raised before it writes anything, which
    /// lets a batch turn it into that item's outcome and keep the rest of the write.
    /// </summary>
    private async Task<TriggerOutcome> TriggerInSessionAsync(IStoreSession s, ApiTriggerTarget target,
        TriggerPlan upsert, JsonObject? context, DateTimeOffset now)
    {
        var (flow, definition, apiTriggers) = target;
        var upserted = upsert.Upsert is { } changes
            ? await contacts.UpsertInSessionAsync(s, flow.WorkspaceId, changes, now)
            : new ContactService.UpsertResult(await s.Contacts.GetAsync(flow.WorkspaceId, upsert.ContactId!.Value)
                ?? throw RunnelException.NotFound(ErrorCodes.ContactNotFound), false, null);
        var contact = upserted.Contact;

        var entry = await EnterAsync(s, flow, definition, contact, apiTriggers.Select(t => t.Segment).ToArray(),
            context, null, TriggerTypes.Api, now, contactIsNew: upserted.Created);
        return entry switch
        {
            Entry.Running running => new TriggerOutcome(running.Member.Id, AlreadyRunning, null, flow.Id,
                flow.Name, contact.Id),
            Entry.Refused refused => new TriggerOutcome(null, Skipped, refused.Reason, flow.Id, flow.Name,
                contact.Id),
            _ => new TriggerOutcome(((Entry.Started)entry).Member.Id, Started, null, flow.Id, flow.Name,
                contact.Id),
        };
    }

    public async Task<(Member Member, IReadOnlyList<TimelineEntry> Timeline)> EnrollAsync(Guid workspaceId,
        Guid flowId, Guid contactId, EnrollContactRequest request, CancellationToken ct)
    {
        CheckObjectSize(request.DynamicContext, "dynamic_context");
        var now = time.GetUtcNow();
        var result = await store.WriteAsync(async s =>
        {
            var flow = await s.Flows.GetAsync(workspaceId, flowId)
                ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);
            if (flow.Status != FlowStatus.Active)
            {
                throw new RunnelException(ErrorCodes.FlowNotActive, "Only active flows take new members.");
            }

            var contact = await s.Contacts.GetAsync(workspaceId, contactId)
                          ?? throw RunnelException.NotFound(ErrorCodes.ContactNotFound);
            var definition = await RunningAsync(s, flow);
            if (definition.EffectiveEntryStepId is null)
            {
                throw new RunnelException(ErrorCodes.FlowNoEntryStep);
            }

            switch (await EnterAsync(s, flow, definition, contact, [], null, request.DynamicContext, "manual", now))
            {
                case Entry.Running:
                    throw new RunnelException(ErrorCodes.FlowAlreadyInFlow,
                        "The contact already has a running membership in this flow.");
                case Entry.Refused { Reason: Entry.ReentryDenied }:
                    throw new RunnelException(ErrorCodes.FlowReentryDenied,
                        $"The flow's reentry policy ({definition.ReentryPolicy.Mode}) does not allow this contact in again yet.");
                case Entry.Refused:
                    throw new RunnelException(ErrorCodes.FlowContactDisqualified,
                        "The contact matches the flow's disqualification rules.");
                case Entry.Started started:
                    return (started.Member, await s.Members.GetTimelineAsync(started.Member.Id));
                default:
                    throw new InvalidOperationException("Unknown entry outcome.");
            }
        }, ct);
        metrics.Enrolled();
        signal.Notify();
        return result;
    }

    /// <summary>
    /// The definition members of an active flow run on: the structure frozen at activation, with the settings and
    /// disqualification rules as they are now (those stay editable while the flow is active).
    /// </summary>
    public static async Task<FlowDefinition> RunningDefinitionAsync(IStoreSession session, Flow flow) =>
        WithCurrentSettings(await session.Flows.GetVersionAsync(flow.Id, flow.Version) ?? flow.Definition, flow);

    /// <summary>
    /// <see cref="RunningDefinition"/> with the frozen version from <see cref="FlowVersionCache"/>: a version never
    /// changes once written, so the enrollments of the trigger API skip one read of its JSON on the writer thread.
    /// </summary>
    private async Task<FlowDefinition> RunningAsync(IStoreSession session, Flow flow) =>
        WithCurrentSettings(await versions.GetAsync(session, flow.Id, flow.Version) ?? flow.Definition, flow);

    /// <summary>
    /// A frozen version of <paramref name="flow"/> with its settings and disqualification rules as they are now: the
    /// one place that decides which parts of a running flow stay editable.
    /// </summary>
    internal static FlowDefinition WithCurrentSettings(FlowDefinition frozen, Flow flow) => frozen with
    {
        Settings = flow.Definition.Settings,
        DisqualificationRules = flow.Definition.DisqualificationRules,
    };

    /// <summary>
    /// The one entrance every trigger, the trigger API and manual enrollment go through, inside the caller's write:
    /// decides (already running, segment, reentry, disqualification) and, when admitted, inserts the member with an
    /// <c>entered_flow</c> timeline entry naming <paramref name="via"/> (the trigger type, or <c>manual</c>).
    /// <paramref name="segments"/> are the segments of the triggers that fired; empty means no segment applies.
    /// <paramref name="contactIsNew"/> says the contact was created in this same write, so it has no membership yet.
    /// </summary>
    public async Task<Entry> EnterAsync(IStoreSession s, Flow flow, FlowDefinition definition, Contact contact,
        IReadOnlyList<Rules.RuleNode?> segments, JsonObject? context, JsonObject? dynamicContext, string via,
        DateTimeOffset now, bool contactIsNew = false) =>
        await DecideAsync(s, flow, definition, contact, context, now, segments, contactIsNew) switch
        {
            null => new Entry.Started(
                await InsertAsync(s, flow, definition, contact, context, dynamicContext, via, now)),
            var refusedOrRunning => refusedOrRunning,
        };

    /// <summary>
    /// Whether the contact may enter now, in the contract's order: already running, segment (any matching trigger
    /// segment admits; a trigger without one admits everyone), reentry policy, disqualification.
    /// </summary>
    private static async Task<Entry?> DecideAsync(IStoreSession s, Flow flow, FlowDefinition definition,
        Contact contact,
        JsonObject? context, DateTimeOffset now, IReadOnlyList<Rules.RuleNode?> segments, bool contactIsNew)
    {
        // One query answers both "already running?" and the reentry policy (FindLatest puts a running membership
        // first): one statement less on the writer thread per enrollment, see docs/benchmarks.md. A contact created
        // in this write has no membership to find, which spares the query for most trigger API calls.
        var latest = contactIsNew ? null : await s.Members.FindLatestAsync(flow.Id, contact.Id);
        if (latest is { IsRunning: true })
        {
            return new Entry.Running(latest);
        }

        var trees = segments.OfType<Rules.RuleNode>().ToList();
        if (definition.DisqualificationRules is { } rules)
        {
            trees.Add(rules);
        }

        var oracle = trees.Count == 0
            ? null
            : await FlowRuleOracle.LoadAsync(s, flow.WorkspaceId, [contact.Id], trees, now);
        if (segments.Count > 0 && !segments.Any(segment => segment is null || oracle!.Evaluate(segment, contact, context)))
        {
            return new Entry.Refused(Entry.SegmentMismatch);
        }

        if (latest is not null && !ReentryAllows(definition.ReentryPolicy, latest, now))
        {
            return new Entry.Refused(Entry.ReentryDenied);
        }

        if (definition.DisqualificationRules is { } disqualify && oracle!.Evaluate(disqualify, contact, context))
        {
            return new Entry.Refused(Entry.Disqualified);
        }

        return null;
    }

    private static bool ReentryAllows(ReentryPolicy policy, Member latest, DateTimeOffset now) => policy.Mode switch
    {
        ReentryPolicy.AfterExit => !latest.IsRunning,
        ReentryPolicy.AfterCooldown => !latest.IsRunning
                                       && now >= latest.EnteredAt.AddMinutes(policy.CooldownMinutes ?? 0),
        _ => false,
    };

    private async Task<Member> InsertAsync(IStoreSession s, Flow flow, FlowDefinition definition, Contact contact,
        JsonObject? context, JsonObject? dynamicContext, string via, DateTimeOffset now)
    {
        var member = Member.Enroll(Ids.New(time), flow.WorkspaceId, flow.Id, flow.Version, contact.Id,
            definition.EffectiveEntryStepId, context, dynamicContext, now);
        await s.Members.InsertAsync(member);
        await s.Members.AppendTimelineAsync(member.Id,
            [new TimelineEntry(now, TimelineTypes.EnteredFlow, null, new JsonObject { ["trigger"] = via })]);
        return member;
    }

    private sealed record TriggerPlan(Guid? ContactId, ContactUpsert? Upsert);

    private TriggerPlan PlanTrigger(TriggerFlowRequest request)
    {
        var errors = new ValidationErrors();
        var identities = new[] { request.ContactId, request.Email, request.Phone, request.ExternalId }
            .Count(v => v is not null);
        if (identities == 0)
        {
            errors.Add("", "one of contact_id, email, phone or external_id is required");
        }
        else if (identities > 1)
        {
            errors.Add("", "name the contact by exactly one of contact_id, email, phone or external_id");
        }

        Guid? contactId = null;
        if (request.ContactId is { } rawId)
        {
            if (Ids.TryParse(rawId, out var parsed))
            {
                contactId = parsed;
            }
            else
            {
                // A contact_id that cannot name anything is a missing contact, as everywhere else.
                errors.ThrowIfAny();
                throw RunnelException.NotFound(ErrorCodes.ContactNotFound);
            }
        }

        CheckObjectSize(request.Context, "context", errors);
        errors.ThrowIfAny();

        var attributes = request.Contact ?? new ContactChanges();
        if (contactId is not null && request.Contact is null)
        {
            return new TriggerPlan(contactId, null);
        }

        var upsert = new ContactUpsert
        {
            ContactId = request.ContactId,
            Email = request.Email is null ? attributes.Email : new Optional<string?>(request.Email),
            Phone = request.Phone is null ? attributes.Phone : new Optional<string?>(request.Phone),
            ExternalId = request.ExternalId is null ? attributes.ExternalId : new Optional<string?>(request.ExternalId),
            FirstName = attributes.FirstName,
            LastName = attributes.LastName,
            Timezone = attributes.Timezone,
            EmailSubscriptionStatus = attributes.EmailSubscriptionStatus,
            SmsSubscriptionStatus = attributes.SmsSubscriptionStatus,
            OptedInAt = attributes.OptedInAt,
            Fields = attributes.Fields,
            // API.md §8.6: a contact first seen by phone has consented to texts by starting this conversation.
            CreateDefaults = request.Phone is null
                ? null
                : new ContactChanges
                {
                    SmsSubscriptionStatus = new Optional<string?>("subscribed"),
                    OptedInAt = new Optional<DateTimeOffset?>(time.GetUtcNow()),
                },
        };
        return new TriggerPlan(contactId, upsert);
    }

    private static void CheckObjectSize(JsonObject? value, string path, ValidationErrors? errors = null)
    {
        if (value is null)
        {
            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(value.ToJsonString(RunnelJson.Options));
        if (bytes > MaxContextBytes)
        {
            var message = $"must be at most {MaxContextBytes} bytes as JSON (this is {bytes})";
            if (errors is null)
            {
                throw RunnelException.Invalid(path, message);
            }

            errors.Add(path, message);
        }
    }
}
