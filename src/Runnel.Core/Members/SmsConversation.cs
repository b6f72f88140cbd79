using System.Text.Json.Nodes;
using Runnel.Core.Json;

namespace Runnel.Core.Members;

/// <summary>
/// A member's conversation state, kept in its <see cref="Member.Engagement"/> under a key no step id can take
/// (<c>$sms</c>): whether its last SMS still waits for the provider, when it was actually sent (a reply wait's timeout
/// counts from then), the inbound replies not yet consumed by a <c>wait_for_reply</c> (in arrival order, so a reply
/// that arrives while the member is still sending is kept for it), and the last reply, <c>{{reply.text}}</c>.
/// Written only inside a write that also checks the member's revision.
/// </summary>
public static class SmsConversation
{
    private const string Key = "$sms";

    /// <summary>One inbound reply held for the member.</summary>
    public sealed record Reply(string Text, string MessageId, DateTimeOffset ReceivedAt);

    /// <summary>The member sent an SMS: still with the provider (<paramref name="sentAt"/> null) or sent then.</summary>
    public static JsonObject Queued(JsonObject engagement, DateTimeOffset? sentAt) => Edit(engagement, state =>
    {
        state["pending"] = sentAt is null;
        state["sent_at"] = sentAt is { } at ? UtcTimestampConverter.Format(at) : null;
    });

    /// <summary>The provider took the pending SMS (or gave up on it) at <paramref name="at"/>.</summary>
    public static JsonObject Settled(JsonObject engagement, DateTimeOffset at) => Edit(engagement, state =>
    {
        state["pending"] = false;
        state["sent_at"] = UtcTimestampConverter.Format(at);
    });

    public static bool SendPending(Member member) =>
        State(member.Engagement)?["pending"] is JsonValue value && value.TryGetValue<bool>(out var pending) && pending;

    public static DateTimeOffset? SentAt(Member member) =>
        State(member.Engagement)?["sent_at"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    public static JsonObject Enqueue(JsonObject engagement, Reply reply) => Edit(engagement, state =>
    {
        if (state["inbox"] is not JsonArray inbox)
        {
            state["inbox"] = inbox = [];
        }

        inbox.Add(new JsonObject
        {
            ["text"] = reply.Text,
            ["message_id"] = reply.MessageId,
            ["received_at"] = UtcTimestampConverter.Format(reply.ReceivedAt),
        });
    });

    public static int Waiting(Member member) => State(member.Engagement)?["inbox"] is JsonArray inbox ? inbox.Count : 0;

    /// <summary>The oldest held reply and the engagement without it; null when none is held.</summary>
    public static (Reply Reply, JsonObject Engagement)? Dequeue(JsonObject engagement)
    {
        if (State(engagement)?["inbox"] is not JsonArray { Count: > 0 } inbox || inbox[0] is not JsonObject first)
        {
            return null;
        }

        var reply = new Reply(first["text"]?.GetValue<string>() ?? "", first["message_id"]?.GetValue<string>() ?? "",
            DateTimeOffset.Parse(first["received_at"]?.GetValue<string>() ?? "1970-01-01T00:00:00Z",
                System.Globalization.CultureInfo.InvariantCulture));
        var updated = Edit(engagement, state =>
        {
            var held = (JsonArray)state["inbox"]!;
            held.RemoveAt(0);
            state["reply"] = reply.Text;
        });
        return (reply, updated);
    }

    /// <summary>The last reply consumed by a wait, <c>{{reply.text}}</c>.</summary>
    public static string? ReplyText(Member member) =>
        State(member.Engagement)?["reply"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject? State(JsonObject engagement) => engagement[Key] as JsonObject;

    private static JsonObject Edit(JsonObject engagement, Action<JsonObject> change)
    {
        var updated = (JsonObject)engagement.DeepClone();
        if (updated[Key] is not JsonObject state)
        {
            updated[Key] = state = [];
        }

        change(state);
        return updated;
    }
}
