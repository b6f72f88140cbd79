namespace Runnel.Core.Storage;

/// <summary>
/// What a write made due, so that the loops doing that work wake when it commits instead of at their next poll: the
/// store calls back in this process after the commit, and on PostgreSQL tells every node through NOTIFY. Repositories
/// set it on the inserts and updates that make work due; a write that sets none wakes nobody.
/// </summary>
[Flags]
public enum DueWork
{
    None = 0,

    /// <summary>Members due now (an enrollment, a woken wait, a reactivated flow): the runner.</summary>
    Members = 1,

    /// <summary>Pending outbox emails: the email delivery pump.</summary>
    Emails = 2,

    /// <summary>Pending outbox SMS: the SMS delivery pump.</summary>
    Sms = 4,

    /// <summary>Pending webhook deliveries: the webhook pump.</summary>
    Webhooks = 8,

    /// <summary>Trigger events to dispatch, or an activation that changed which date triggers run: the trigger loop.</summary>
    Triggers = 16,

    /// <summary>Everything; what a loop must assume when it may have missed notifications.</summary>
    All = Members | Emails | Sms | Webhooks | Triggers,
}
