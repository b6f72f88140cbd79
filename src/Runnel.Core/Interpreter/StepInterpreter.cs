using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Delivery;
using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Templates;
using Runnel.Core.Time;

namespace Runnel.Core.Interpreter;

/// <summary>
/// Moves one member through its flow version from where it stands until it parks in a wait, finishes or fails.
/// Pure: everything it needs is in <see cref="RunInput"/>, everything it decides is in <see cref="RunResult"/>.
/// </summary>
public sealed partial class StepInterpreter(TemplateRenderer renderer)
{
    /// <summary>
    /// Steps one run may execute before yielding. Activation forbids cycles without a wait, so a real flow stays far
    /// below this; the bound keeps a graph edited into a tight loop from holding a runner forever.
    /// </summary>
    public const int MaxStepsPerRun = 200;

    /// <summary>How often a condition wait is re-checked when no change woke it: only a safety net.</summary>
    public static readonly TimeSpan ConditionRecheck = TimeSpan.FromHours(1);

    public RunResult Run(RunInput input)
    {
        var run = new RunState(input);
        if (!input.Member.IsRunning)
        {
            return run.Result();
        }

        var definition = input.Definition;
        var ttl = definition.EffectiveSessionTtlMinutes;
        if (ttl is { } minutes && run.Member.WaitKind != WaitKinds.QuietHours
            && input.Now >= run.Member.LastActivityAt.AddMinutes(minutes))
        {
            return run.Exit(MemberStatus.Dropped, ExitReasons.SessionExpired, run.Member.CurrentStepId);
        }

        var resuming = run.Member.Status == MemberStatus.Waiting;
        var retrying = !resuming && run.Member.Attempts > 0;
        var stepId = run.Member.CurrentStepId;
        Edge? edge = null;
        for (var executed = 0; ; executed++)
        {
            if (stepId is null)
            {
                return run.Exit(MemberStatus.Completed, ExitReasons.Completed, run.Member.CurrentStepId);
            }

            if (executed >= MaxStepsPerRun)
            {
                return run.Yield(stepId);
            }

            var step = definition.FindStep(stepId);
            if (step is null)
            {
                return run.Fail(stepId, $"Step '{stepId}' does not exist in version {run.Member.FlowVersion}.", retryable: false);
            }

            if (definition.DisqualificationRules is { } rules && run.Evaluate(rules) == true)
            {
                return run.Exit(MemberStatus.Dropped, ExitReasons.Disqualified, stepId);
            }

            if (!resuming && !retrying)
            {
                run.Enter(stepId, edge?.FromStepId, edge?.Name);
            }

            var outcome = resuming switch
            {
                true when step is WaitStep wait => Resume(wait, run),
                true when step is SendWebhookStep webhook => ResumeWebhook(webhook, run),
                true when step is WaitForReplyStep reply => WaitForReply(reply, run, resuming: true),
                _ => Execute(step, run),
            };
            resuming = false;
            retrying = false;
            switch (outcome)
            {
                case Outcome.Next next:
                    run.StepDone(step);
                    edge = new Edge(step.StepId, next.Edge);
                    stepId = next.StepId;
                    break;
                case Outcome.Park park:
                    return run.Park(step, park.WakeAt, park.Deadline, park.Kind);
                case Outcome.Exit exit:
                    run.StepDone(step);
                    return run.Exit(exit.Status, exit.Reason, step.StepId);
                case Outcome.Failure failure:
                    return run.Fail(step.StepId, failure.Error, failure.Retryable, failure.Attempts);
                case Outcome.Generate generate:
                    return run.AwaitGeneration(step.StepId, generate.Request);
                default:
                    throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
            }
        }
    }

    private Outcome Execute(FlowStep step, RunState run) => step switch
    {
        SendEmailStep email => SendEmail(email, run),
        WaitStep wait => StartWait(wait, run),
        UpdateContactStep update => UpdateContact(update, run),
        AddToListStep add => ChangeList(add.ListId, true, add.NextStepId, run),
        RemoveFromListStep remove => ChangeList(remove.ListId, false, remove.NextStepId, run),
        ConditionCheckStep check => Check(check, run),
        SplitStep split => Split(split, run),
        SendWebhookStep webhook => SendWebhook(webhook, run),
        SendSmsStep sms => SendSms(sms, run),
        WaitForReplyStep reply => WaitForReply(reply, run, resuming: false),
        CreatePageStep page => CreatePage(page, run),
        DropFromFlowStep => new Outcome.Exit(MemberStatus.Dropped, ExitReasons.DroppedByStep),
        _ => new Outcome.Failure(
            $"'{step.Type}' steps cannot run on this server yet: the channel they need is not available.", false),
    };

    private Outcome SendEmail(SendEmailStep step, RunState run)
    {
        if (step.EmailId is not { } emailId || run.Input.ApprovedEmails(emailId) is not { } email)
        {
            return new Outcome.Failure("The step's email does not exist or has no approved revision.", false);
        }

        var contact = run.Contact;
        if (contact.Email is null)
        {
            run.Log(TimelineTypes.EmailSkipped, step.StepId, new JsonObject { ["reason"] = "no_email_address" });
            return new Outcome.Next(step.NextStepId);
        }

        var operational = step.Operational == true;
        if (!operational && contact.EmailSubscriptionStatus == SubscriptionStatus.Unsubscribed)
        {
            run.Log(TimelineTypes.EmailSkipped, step.StepId, new JsonObject { ["reason"] = "unsubscribed" });
            return new Outcome.Next(step.NextStepId);
        }

        var member = run.Member;
        var key = $"{member.Id:D}:{step.StepId}:{member.Visit}";
        var messageId = run.Input.NewId();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Message-ID"] = MessageIds.For(key, email.FromEmail),
        };
        string? html;
        string? text;
        string subject;
        try
        {
            var rendered = renderer.RenderEmail(email.Content, run.Variables());
            (subject, html, text) = (rendered.Subject, rendered.Html, rendered.Text);
            if (!operational)
            {
                (html, text) = AddCompliance(run, email.FromEmail, headers, html, text);
            }

            if (run.Input.Links is { } links && html is not null)
            {
                var workspaceId = member.WorkspaceId;
                html = TrackedHtml.RewriteLinks(html,
                    url => links.IsUnsubscribeUrl(url) ? null : links.ClickUrl(workspaceId, messageId, url));
                html = TrackedHtml.AppendToBody(html, TrackedHtml.OpenPixel(links.OpenUrl(workspaceId, messageId)));
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Out of time may be the machine's stall, not the template's fault: retried on the step backoff; a
            // template that is really too slow still fails after the last attempt. Other render errors are permanent.
            return new Outcome.Failure($"Rendering the email failed: {error.Message}",
                Templates.TemplateRenderer.IsTimeLimit(error));
        }

        var message = new OutboundMessage(messageId, "email", contact.Email, email.FromName, email.FromEmail,
            email.ReplyTo, subject, html, text, headers, member.Id, step.StepId, member.Visit, key);
        run.Messages.Add(message);
        if (run.Input.DeferredDelivery)
        {
            // The delivery pump records email_sent (and the "sent" fact) once the SMTP server has accepted it.
            return new Outcome.Next(step.NextStepId);
        }

        run.Engage(step.StepId, "sent");
        run.Log(TimelineTypes.EmailSent, step.StepId, new JsonObject
        {
            ["message_id"] = message.Id.ToString("D"),
            ["email_id"] = emailId.ToString("D"),
            ["to"] = contact.Email,
            ["subject"] = subject,
        });
        return new Outcome.Next(step.NextStepId);
    }

    /// <summary>
    /// RFC 8058 one-click unsubscribe headers (HTTPS URL and mailto) and the workspace's postal address in the footer
    /// of both bodies: what every marketing email must carry.
    /// </summary>
    private static (string? Html, string? Text) AddCompliance(RunState run, string? fromEmail,
        Dictionary<string, string> headers, string? html, string? text)
    {
        if (run.Input.UnsubscribeUrl is { } unsubscribe)
        {
            var mailbox = run.Input.Links?.UnsubscribeMailbox ?? fromEmail;
            headers["List-Unsubscribe"] = mailbox is null
                ? $"<{unsubscribe}>"
                : $"<{unsubscribe}>, <mailto:{mailbox}?subject=unsubscribe>";
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        }

        if (run.Input.PostalAddress is { Length: > 0 } address)
        {
            html = html is null ? null : TrackedHtml.AppendToBody(html, TrackedHtml.AddressFooter(address));
            text = text is null ? null : $"{text.TrimEnd()}\n\n--\n{address.Trim()}\n";
        }

        return (html, text);
    }

    private static Outcome StartWait(WaitStep step, RunState run)
    {
        var now = run.Input.Now;
        if (step.DurationAmount is { } amount && step.DurationUnit is { } unit)
        {
            var release = now + WaitCalculator.Duration(amount, unit);
            if (WaitCalculator.TryParseTime(step.AtTime, out var at))
            {
                release = WaitCalculator.NextLocalTime(release, at, ZoneFor(step.AtTimezone, run));
            }

            return new Outcome.Park(release, release, WaitKinds.Duration);
        }

        if (step.UntilDateField is { } field)
        {
            var release = WaitCalculator.UntilDate(ContactFields.ReadAsText(run.Contact, field), step.OffsetDays ?? 0,
                run.Input.Definition.Settings.Timezone ?? TimeZones.Utc);
            if (release is null || release <= now)
            {
                run.Log(TimelineTypes.StepExecuted, step.StepId, new JsonObject
                {
                    ["type"] = step.Type,
                    ["released"] = release is null ? "no_date" : "date_passed",
                });
                return new Outcome.Next(step.NextStepId);
            }

            return new Outcome.Park(release.Value, release, WaitKinds.Date);
        }

        if (step.Condition is { } condition)
        {
            if (run.Evaluate(condition) == true)
            {
                return new Outcome.Next(step.NextStepId);
            }

            DateTimeOffset? deadline = step.TimeoutMinutes is { } timeout ? now.AddMinutes(timeout) : null;
            return new Outcome.Park(Earliest(deadline, now + ConditionRecheck), deadline, WaitKinds.Condition);
        }

        return new Outcome.Failure("The wait step has no mode.", false);
    }

    private static Outcome Resume(WaitStep step, RunState run)
    {
        var now = run.Input.Now;
        var deadline = run.Member.WaitDeadline;
        if (step.Condition is { } condition && step.DurationAmount is null && step.UntilDateField is null)
        {
            if (run.Evaluate(condition) == true)
            {
                return new Outcome.Next(step.NextStepId);
            }

            if (deadline is { } due && now >= due)
            {
                run.Log(TimelineTypes.BranchTaken, step.StepId, new JsonObject
                {
                    ["branch"] = "timeout",
                    ["next_step_id"] = step.TimeoutStepId,
                });
                return new Outcome.Next(step.TimeoutStepId, Edges.Timeout);
            }

            return new Outcome.Park(Earliest(deadline, now + ConditionRecheck), deadline, WaitKinds.Condition);
        }

        if (deadline is { } release && now < release)
        {
            // Woken early (a change to the contact wakes all its waits): a timed wait goes back to sleep.
            return new Outcome.Park(release, release, step.UntilDateField is null ? WaitKinds.Duration : WaitKinds.Date);
        }

        return new Outcome.Next(step.NextStepId);
    }

    private Outcome UpdateContact(UpdateContactStep step, RunState run)
    {
        var applied = new JsonObject();
        foreach (var update in step.EffectiveUpdates())
        {
            if (update.Field is not { } field)
            {
                return new Outcome.Failure("An update names no field.", false);
            }

            if (update.WriteMode == "skip_if_filled" && ContactFields.IsFilled(run.Contact, field))
            {
                continue;
            }

            JsonNode? value;
            try
            {
                value = update.Value is JsonValue text && text.TryGetValue<string>(out var template)
                    ? JsonValue.Create(renderer.RenderText(template, run.Variables()))
                    : update.Value?.DeepClone();
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                return new Outcome.Failure($"Rendering the value of '{field}' failed: {error.Message}", false);
            }

            var result = ContactFields.Apply(run.Contact, field, value, run.Input.CustomFieldTypes, run.Input.Now);
            if (result.Error is { } problem)
            {
                return new Outcome.Failure(problem, false);
            }

            run.ChangeContact(result.Contact!, field, result.Stored);
            applied[field] = result.Stored?.DeepClone();
        }

        run.Log(TimelineTypes.ContactUpdated, step.StepId, new JsonObject { ["fields"] = applied });
        return new Outcome.Next(step.NextStepId);
    }

    private static Outcome ChangeList(Guid? listId, bool add, string? next, RunState run)
    {
        if (listId is not { } id)
        {
            return new Outcome.Failure("The step names no list.", false);
        }

        run.ListChanges.Add(new ListChange(id, add));
        return new Outcome.Next(next);
    }

    private static Outcome Check(ConditionCheckStep step, RunState run)
    {
        var result = step.Condition is { } condition ? run.Evaluate(condition) : null;
        var (branch, next) = result switch
        {
            true when step.TrueStepId is not null => ("true", step.TrueStepId),
            false when step.FalseStepId is not null => ("false", step.FalseStepId),
            _ => ("default", step.DefaultStepId),
        };
        run.Log(TimelineTypes.BranchTaken, step.StepId, new JsonObject
        {
            ["branch"] = branch,
            ["result"] = result,
            ["next_step_id"] = next,
        });
        return new Outcome.Next(next, branch);
    }

    private static Outcome Split(SplitStep step, RunState run)
    {
        var branches = step.Branches ?? [];
        var bucket = Bucket(run.Member.Id, step.StepId);
        var cumulative = 0;
        for (var i = 0; i < branches.Count; i++)
        {
            cumulative += branches[i].Percent;
            if (bucket < cumulative)
            {
                run.Log(TimelineTypes.BranchTaken, step.StepId, new JsonObject
                {
                    ["branch"] = i,
                    ["next_step_id"] = branches[i].NextStepId,
                });
                return new Outcome.Next(branches[i].NextStepId, Edges.Branch(i));
            }
        }

        return new Outcome.Failure("The split's branches do not cover every member (percentages under 100).", false);
    }

    /// <summary>A member's bucket 0–99 for a split: stable across runs, nodes and restarts.</summary>
    public static int Bucket(Guid memberId, string stepId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId:D}/{stepId}"));
        return (int)(BitConverter.ToUInt32(hash, 0) % 100);
    }

    private static string ZoneFor(string? atTimezone, RunState run) => atTimezone switch
    {
        "contact" => run.Contact.Timezone,
        null => run.Input.Definition.Settings.Timezone ?? TimeZones.Utc,
        _ => atTimezone,
    };

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    /// <summary>The way a member left <paramref name="FromStepId"/> for the step it enters next.</summary>
    private sealed record Edge(string FromStepId, string Name);

    private abstract record Outcome
    {
        /// <summary><paramref name="Edge"/> names the way out of the step taken (<see cref="Edges"/>).</summary>
        public sealed record Next(string? StepId, string Edge = Edges.Next) : Outcome;

        /// <summary>Parks the member; a null <paramref name="WakeAt"/> waits for an outside event (a delivery) alone.</summary>
        public sealed record Park(DateTimeOffset? WakeAt, DateTimeOffset? Deadline, string Kind) : Outcome;

        public sealed record Exit(MemberStatus Status, string Reason) : Outcome;

        /// <summary><paramref name="Attempts"/> when the attempts were made elsewhere (a webhook's deliveries).</summary>
        public sealed record Failure(string Error, bool Retryable, int? Attempts = null) : Outcome;

        /// <summary>The step needs the page generator's answer first (the runner fetches it and runs again).</summary>
        public sealed record Generate(Pages.PageGenerationRequest Request) : Outcome;
    }
}
