namespace Runnel.Core.Members;

/// <summary>The timeline entry types of API.md §8.7.</summary>
public static class TimelineTypes
{
    public const string EnteredFlow = "entered_flow";
    public const string StepExecuted = "step_executed";
    public const string Waiting = "waiting";
    public const string EmailSent = "email_sent";
    public const string EmailSkipped = "email_skipped";
    public const string EmailDelivered = "email_delivered";
    public const string EmailOpened = "email_opened";
    public const string EmailClicked = "email_clicked";
    public const string EmailBounced = "email_bounced";
    public const string SmsSent = "sms_sent";
    public const string ReplyReceived = "reply_received";
    public const string SmsSkipped = "sms_skipped";
    public const string SmsDeferred = "sms_deferred";
    public const string SmsDelivered = "sms_delivered";
    public const string SmsFailed = "sms_failed";
    public const string ReplyTimeout = "reply_timeout";
    public const string WebhookSent = "webhook_sent";
    public const string WebhookFailed = "webhook_failed";
    public const string ContactUpdated = "contact_updated";
    public const string BranchTaken = "branch_taken";
    public const string PageCreated = "page_created";
    public const string PageViewed = "page_viewed";
    public const string FormSubmitted = "form_submitted";
    public const string Completed = "completed";
    public const string Dropped = "dropped";
    public const string Failed = "failed";
}
