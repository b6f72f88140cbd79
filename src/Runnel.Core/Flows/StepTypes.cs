namespace Runnel.Core.Flows;

/// <summary>The wire names of step types.</summary>
public static class StepTypes
{
    public const string SendEmail = "send_email";
    public const string SendSms = "send_sms";
    public const string Wait = "wait";
    public const string WaitForReply = "wait_for_reply";
    public const string UpdateContact = "update_contact";
    public const string AddToList = "add_to_list";
    public const string RemoveFromList = "remove_from_list";
    public const string ConditionCheck = "condition_check";
    public const string Split = "split";
    public const string SendWebhook = "send_webhook";
    public const string CreatePage = "create_page";
    public const string DropFromFlow = "drop_from_flow";
}
