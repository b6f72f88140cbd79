using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Rules;
using Runnel.Core.Templates;

namespace Runnel.Core.Interpreter;

/// <summary>The mutable working state of one interpreter run; turned into an immutable result at the end.</summary>
internal sealed class RunState(RunInput input)
{
    private readonly List<TimelineEntry> _timeline = [];
    private readonly Dictionary<string, JsonNode?> _contactChanges = new(StringComparer.Ordinal);
    private int _stepsExecuted;
    private bool _resumedWait = input.Member.Status == MemberStatus.Waiting;

    public RunInput Input { get; } = input;

    public Member Member { get; private set; } = input.Member;

    public Contact Contact { get; private set; } = input.Contact;

    public List<OutboundMessage> Messages { get; } = [];

    public List<ListChange> ListChanges { get; } = [];

    public List<Webhooks.WebhookRequest> Webhooks { get; } = [];

    public List<Pages.LandingPage> Pages { get; } = [];

    /// <summary>The member's newest page, for <c>{{page_url}}</c>: from earlier runs, or made in this one.</summary>
    public string? PageUrl { get; set; } = input.PageUrl;

    private Pages.PageGenerationRequest? _generation;

    private DateTimeOffset Now => Input.Now;

    /// <summary>True or false, or null when the rule cannot be evaluated (bad data, missing facts).</summary>
    public bool? Evaluate(RuleNode rule)
    {
        try
        {
            return Input.Rules.Evaluate(rule, Contact, Member, ListChanges);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or FormatException
                                          or KeyNotFoundException or OverflowException)
        {
            return null;
        }
    }

    public TemplateModel Variables() => new(Contact, null, Member.Context, Member.DynamicContext,
        SmsConversation.ReplyText(Member), Input.FlowName, Input.UnsubscribeUrl, PageUrl);

    /// <summary>
    /// The member handed an SMS to the outbox: sent now (<paramref name="sentAt"/>) or waiting for the provider. A send
    /// is activity: a session TTL counts from here, and so does a reply wait that follows.
    /// </summary>
    public void SmsQueued(DateTimeOffset? sentAt) => Member = Member with
    {
        Engagement = SmsConversation.Queued(Member.Engagement, sentAt),
        LastActivityAt = Now,
    };

    /// <summary>The oldest reply held for the member, now consumed: <c>{{reply.text}}</c> from here on.</summary>
    public SmsConversation.Reply? TakeReply()
    {
        if (SmsConversation.Dequeue(Member.Engagement) is not { } taken)
        {
            return null;
        }

        Member = Member with { Engagement = taken.Engagement, LastActivityAt = Now };
        return taken.Reply;
    }

    public void Log(string type, string? stepId, JsonObject data) => _timeline.Add(new TimelineEntry(Now, type, stepId, data));

    /// <summary>
    /// The member arrives at a step: a new visit, counted for idempotency keys of what the step sends. The entry names
    /// the edge it came by (<paramref name="fromStepId"/>, <paramref name="edge"/>) when it came from a step in this
    /// run: what step stats count edges from, at no extra row.
    /// </summary>
    public void Enter(string stepId, string? fromStepId = null, string? edge = null)
    {
        _resumedWait = false;
        Member = Member with { CurrentStepId = stepId, Visit = Member.Visit + 1, Attempts = 0, LastActivityAt = Now };
        var step = Input.Definition.FindStep(stepId);
        var data = new JsonObject { ["type"] = step?.Type };
        if (fromStepId is not null)
        {
            data[Edges.FromStepIdKey] = fromStepId;
            data[Edges.EdgeKey] = edge;
        }

        Log(TimelineTypes.StepExecuted, stepId, data);
    }

    public void StepDone(FlowStep step)
    {
        _stepsExecuted++;
        Member = Member with { Attempts = 0, WaitDeadline = null, WaitKind = null };
    }

    public void Engage(string stepId, string what)
    {
        var engagement = (JsonObject)Member.Engagement.DeepClone();
        if (engagement[stepId] is not JsonObject facts)
        {
            facts = new JsonObject();
            engagement[stepId] = facts;
        }

        facts[what] = true;
        Member = Member with { Engagement = engagement };
    }

    public void ChangeContact(Contact updated, string field, JsonNode? stored)
    {
        Contact = updated;
        _contactChanges[field] = stored?.DeepClone();
    }

    public RunResult Park(FlowStep step, DateTimeOffset? wakeAt, DateTimeOffset? deadline, string kind)
    {
        _stepsExecuted++;
        var wake = wakeAt;
        // A send deferred by quiet hours is the engine's doing, not the contact's silence: no session TTL meanwhile.
        if (kind != WaitKinds.QuietHours && Input.Definition.EffectiveSessionTtlMinutes is { } ttl
            && (wake is null || Member.LastActivityAt.AddMinutes(ttl) < wake))
        {
            wake = Member.LastActivityAt.AddMinutes(ttl);
        }

        if (!_resumedWait)
        {
            Log(TimelineTypes.Waiting, step.StepId, new JsonObject
            {
                ["kind"] = kind,
                ["until"] = deadline is { } d ? UtcTimestampConverter.Format(d) : null,
            });
        }

        Member = Member with
        {
            Status = MemberStatus.Waiting,
            CurrentStepId = step.StepId,
            WakeAt = wake,
            WaitDeadline = deadline,
            WaitKind = kind,
        };
        return Result();
    }

    public RunResult Exit(MemberStatus status, string reason, string? stepId)
    {
        Member = Member.Ended(status, reason, Now) with { CurrentStepId = stepId ?? Member.CurrentStepId };
        Log(status == MemberStatus.Completed ? TimelineTypes.Completed : TimelineTypes.Dropped, stepId,
            new JsonObject { ["reason"] = reason });
        return Result();
    }

    /// <summary>A step failed: retried with backoff while attempts remain, else the member fails.</summary>
    public RunResult Fail(string stepId, string error, bool retryable, int? attemptsMade = null)
    {
        var attempts = attemptsMade ?? Member.Attempts + 1;
        if (retryable && attempts < Backoff.MaxAttempts)
        {
            var retryAt = Now + Backoff.After(attempts);
            Log(TimelineTypes.StepExecuted, stepId, new JsonObject
            {
                ["error"] = error,
                ["attempt"] = attempts,
                ["retry_at"] = UtcTimestampConverter.Format(retryAt),
            });
            Member = Member with
            {
                Status = MemberStatus.Active,
                CurrentStepId = stepId,
                Attempts = attempts,
                WakeAt = retryAt,
                WaitDeadline = null,
                WaitKind = null,
            };
            return Result();
        }

        Member = Member.Ended(MemberStatus.Failed, ExitReasons.Failed, Now, new MemberFailure(stepId, error, attempts))
            with { CurrentStepId = stepId, Attempts = attempts };
        Log(TimelineTypes.Failed, stepId, new JsonObject { ["error"] = error, ["attempts"] = attempts });
        return Result();
    }

    /// <summary>Stops after too many steps in one run; the member stays due and continues in the next run.</summary>
    public RunResult Yield(string stepId)
    {
        Member = Member with { Status = MemberStatus.Active, CurrentStepId = stepId, WakeAt = Now };
        return Result();
    }

    /// <summary>Stops at a scratch page until the runner has the generator's answer; the member stays due here.</summary>
    public RunResult AwaitGeneration(string stepId, Pages.PageGenerationRequest request)
    {
        _generation = request;
        return Yield(stepId);
    }

    public RunResult Result() =>
        new(Member, Contact, _contactChanges, _timeline, Messages, ListChanges, _stepsExecuted, Webhooks, Pages,
            _generation);
}
