namespace Runnel.Core.Diagnostics;

/// <summary>
/// Every event id Runnel logs, in one place so that none is used twice. Each area is a nested class that owns a range
/// of a thousand ids (<see cref="Ranges"/>); a new event takes the next free id of its area, and an id once shipped
/// keeps its meaning, since dashboards and alerts filter by it. <c>RunnelEventIdTests</c> checks that every id is
/// unique and inside its area's range.
/// </summary>
public static class RunnelEventId
{
    /// <summary>The first and last id of each area, by the name of its nested class.</summary>
    public static readonly IReadOnlyDictionary<string, (int First, int Last)> Ranges =
        new Dictionary<string, (int First, int Last)>
        {
            [nameof(Runtime)] = (1000, 1999),
            [nameof(Delivery)] = (2000, 2999),
            [nameof(Webhooks)] = (3000, 3999),
            [nameof(Triggers)] = (4000, 4999),
            [nameof(Hosting)] = (5000, 5999),
            [nameof(Storage)] = (6000, 6999),
        };

    /// <summary>The flow runner, enrollment, member lifecycle and the background pump loops.</summary>
    public static class Runtime
    {
        public const int MemberFailed = 1000;
        public const int StaleWrite = 1001;
        public const int LeaseTakenOver = 1002;
        public const int PumpRoundFailed = 1003;
    }

    /// <summary>The email outbox.</summary>
    public static class Delivery
    {
        public const int EmailSent = 2000;
        public const int EmailRetry = 2001;
        public const int EmailNotDelivered = 2002;
        public const int SmsSent = 2010;
        public const int SmsRetry = 2011;
        public const int SmsFailed = 2012;
        public const int SmsSkipped = 2013;
        public const int SmsInbound = 2014;
        public const int SmsSignatureRejected = 2015;
    }

    /// <summary>Deliveries of webhook steps.</summary>
    public static class Webhooks
    {
        public const int WebhookAnswered = 3000;
        public const int WebhookBlocked = 3001;
        public const int WebhookRetry = 3002;
        public const int WebhookFailed = 3003;
        public const int WebhookCancelled = 3004;
        public const int WebhookRecordedElsewhere = 3005;
        public const int PageGeneratorFailed = 3006;
    }

    /// <summary>Trigger event dispatch and date-based runs.</summary>
    public static class Triggers
    {
        public const int TriggerBatchFailed = 4000;
        public const int TriggerEventSkipped = 4001;
    }

    /// <summary>The host and the HTTP pipeline.</summary>
    public static class Hosting
    {
        public const int UnhandledError = 5000;
        public const int DataFolder = 5001;
        public const int Listening = 5002;
    }

    /// <summary>The database stores.</summary>
    public static class Storage
    {
        public const int WriteConflictRetry = 6000;
        public const int ListenFailed = 6001;
        public const int StoreUnavailable = 6002;
        public const int NotifyFailed = 6003;
    }
}
