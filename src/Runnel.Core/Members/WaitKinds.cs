namespace Runnel.Core.Members;

/// <summary>
/// What a waiting member waits for. Stored with the member so a change to a contact can wake exactly its condition
/// waits without touching timed ones.
/// </summary>
public static class WaitKinds
{
    public const string Duration = "duration";
    public const string Date = "date";
    public const string Condition = "condition";

    /// <summary>A <c>send_webhook</c> step's delivery: no wake time; the webhook pump wakes the member when done.</summary>
    public const string Webhook = "webhook";
}
