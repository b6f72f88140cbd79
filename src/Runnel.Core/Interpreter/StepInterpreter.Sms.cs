using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Runnel.Core.Contacts;
using Runnel.Core.Delivery;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Time;

namespace Runnel.Core.Interpreter;

// Conversational SMS (API.md §12): send_sms with quiet hours, wait_for_reply with its branches and timeout.
public sealed partial class StepInterpreter
{
    /// <summary>A regex branch gets this long per reply: a pathological pattern cannot stall the runner.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private Outcome SendSms(SendSmsStep step, RunState run)
    {
        var contact = run.Contact;
        if (contact.Phone is null)
        {
            run.Log(TimelineTypes.SmsSkipped, step.StepId, new JsonObject { ["reason"] = "no_phone" });
            return new Outcome.Next(step.NextStepId);
        }

        if (contact.SmsSubscriptionStatus != SubscriptionStatus.Subscribed)
        {
            run.Log(TimelineTypes.SmsSkipped, step.StepId, new JsonObject
            {
                ["reason"] = contact.SmsSubscriptionStatus == SubscriptionStatus.Unsubscribed
                    ? "unsubscribed"
                    : "not_subscribed",
            });
            return new Outcome.Next(step.NextStepId);
        }

        var settings = run.Input.Sms;
        if (settings?.From is not { } from)
        {
            return new Outcome.Failure("The workspace has no settings.sms_from to send SMS from.", false);
        }

        var now = run.Input.Now;
        var definition = run.Input.Definition;
        var quiet = definition.Settings.QuietHours ?? settings.QuietHours;
        if (QuietWindow.DeferUntil(now, quiet, ZoneOf(contact, definition, settings)) is { } until)
        {
            if (run.Member.WaitKind != WaitKinds.QuietHours)
            {
                run.Log(TimelineTypes.SmsDeferred, step.StepId, new JsonObject
                {
                    ["reason"] = "quiet_hours",
                    ["until"] = UtcTimestampConverter.Format(until),
                });
            }

            return new Outcome.Park(until, until, WaitKinds.QuietHours);
        }

        string body;
        try
        {
            body = renderer.RenderText(step.Body ?? "", run.Variables());
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return new Outcome.Failure($"Rendering the SMS failed: {error.Message}", TemplateRendererTimeLimit(error));
        }

        var member = run.Member;
        var encoding = SmsSegmenter.Analyze(body);
        var sms = new SmsDetails(from, step.MediaUrl, encoding.EncodingName, encoding.Segments,
            encoding.Ucs2Characters);
        var message = new OutboundMessage(run.Input.NewId(), OutboundMessage.SmsChannel, contact.Phone, null, null,
            null, null, null, body, new Dictionary<string, string>(), member.Id, step.StepId, member.Visit,
            $"{member.Id:D}:{step.StepId}:{member.Visit}", sms);
        run.Messages.Add(message);
        run.SmsQueued(settings.Deferred ? null : now);
        if (!settings.Deferred)
        {
            // Without a provider the outbox is the destination: the message counts as sent now. With one, the SMS
            // pump records sms_sent once the provider has accepted it.
            run.Log(TimelineTypes.SmsSent, step.StepId, SentData(message));
        }

        return new Outcome.Next(step.NextStepId);
    }

    /// <summary>The data of an <c>sms_sent</c> entry: the message, its recipient and sender, and its encoding.</summary>
    public static JsonObject SentData(OutboundMessage message, int? attempts = null, string? providerMessageId = null)
    {
        var sms = message.Sms!;
        var data = new JsonObject
        {
            ["message_id"] = message.Id.ToString("D"),
            ["to"] = message.To,
            ["from"] = sms.From,
            ["text"] = message.Text,
            ["encoding"] = sms.Encoding,
            ["segments"] = sms.Segments,
            ["ucs2_characters"] = new JsonArray(sms.Ucs2Characters.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        };
        if (sms.MediaUrl is { } media)
        {
            data["media_url"] = media;
        }

        if (attempts is { } count)
        {
            data["attempts"] = count;
        }

        if (providerMessageId is { } providerId)
        {
            data["provider_message_id"] = providerId;
        }

        return data;
    }

    /// <summary>
    /// Arriving at, or woken in, a <c>wait_for_reply</c>: a held reply is routed at once (it may have come while the
    /// member was still sending); else past the deadline the timeout edge is taken; else the member parks until the
    /// deadline, which counts from the moment the step's message was actually sent.
    /// </summary>
    private static Outcome WaitForReply(WaitForReplyStep step, RunState run, bool resuming)
    {
        if (run.TakeReply() is { } reply)
        {
            return RouteReply(step, reply, run);
        }

        var member = run.Member;
        var now = run.Input.Now;
        var deadline = resuming ? member.WaitDeadline : null;
        if (deadline is null && step.TimeoutMinutes is { } minutes && !SmsConversation.SendPending(member))
        {
            // The wait starts when the member arrived here or when its last SMS actually left, whichever is later:
            // a message still with the provider keeps the clock from starting (the pump wakes the member when sent).
            var sentAt = SmsConversation.SentAt(member);
            var start = sentAt is { } at && at > member.LastActivityAt ? at : member.LastActivityAt;
            deadline = start.AddMinutes(minutes);
        }

        if (deadline is { } due && now >= due)
        {
            run.Log(TimelineTypes.ReplyTimeout, step.StepId, new JsonObject
            {
                ["timeout_minutes"] = step.TimeoutMinutes,
                ["next_step_id"] = step.TimeoutStepId,
            });
            return new Outcome.Next(step.TimeoutStepId, Edges.Timeout);
        }

        return new Outcome.Park(deadline, deadline, WaitKinds.Reply);
    }

    private static Outcome RouteReply(WaitForReplyStep step, SmsConversation.Reply reply, RunState run)
    {
        var branches = step.Branches ?? [];
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i]?.Match is { } match && Matches(match, reply.Text))
            {
                run.Log(TimelineTypes.ReplyReceived, step.StepId, ReplyData(reply, i, match.Type, branches[i].NextStepId));
                return new Outcome.Next(branches[i].NextStepId, Edges.Branch(i));
            }
        }

        run.Log(TimelineTypes.ReplyReceived, step.StepId, ReplyData(reply, Edges.NoMatch, null, step.NoMatchStepId));
        return new Outcome.Next(step.NoMatchStepId, Edges.NoMatch);
    }

    private static JsonObject ReplyData(SmsConversation.Reply reply, JsonNode? branch, string? matchType,
        string? next) => new()
    {
        ["text"] = reply.Text,
        ["message_id"] = reply.MessageId,
        ["branch"] = branch,
        ["match_type"] = matchType,
        ["next_step_id"] = next,
    };

    /// <summary>
    /// Whether a reply matches a branch (API.md §12): <c>keyword</c> the whole message equals a value, any case,
    /// surrounding spaces and punctuation ignored; <c>number</c> the message is one of the numbers; <c>regex</c> a .NET
    /// pattern found in the message within <see cref="RegexTimeout"/>; <c>any</c> anything.
    /// </summary>
    public static bool Matches(ReplyMatch match, string text)
    {
        var values = match.Values ?? [];
        switch (match.Type)
        {
            case "any":
                return true;
            case "keyword":
                var word = SmsKeywords.Normalize(text);
                return values.Any(v => string.Equals(SmsKeywords.Normalize(v), word, StringComparison.OrdinalIgnoreCase));
            case "number":
                return TryNumber(SmsKeywords.Normalize(text), out var number)
                       && values.Any(v => TryNumber(v.Trim(), out var listed) && listed == number);
            case "regex":
                foreach (var pattern in values)
                {
                    try
                    {
                        if (Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, RegexTimeout))
                        {
                            return true;
                        }
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        // Too slow on this reply: no match, and the next branch is tried.
                    }
                    catch (ArgumentException)
                    {
                        // Validation rejects bad patterns; one stored before that rule cannot match anything.
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool TryNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out number);

    /// <summary>Quiet hours are kept in the contact's time zone, else the flow's, else the workspace's.</summary>
    private static string ZoneOf(Contact contact, FlowDefinition definition, SmsRunSettings settings) =>
        TimeZones.IsValid(contact.Timezone) ? contact.Timezone
        : TimeZones.IsValid(definition.Settings.Timezone) ? definition.Settings.Timezone!
        : settings.WorkspaceTimezone;

    private static bool TemplateRendererTimeLimit(Exception error) => Templates.TemplateRenderer.IsTimeLimit(error);
}
