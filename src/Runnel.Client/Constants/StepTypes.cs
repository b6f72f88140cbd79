namespace Runnel.Client;

/// <summary>Values of <see cref="FlowStep.Type"/>.</summary>
public static class StepTypes
{
    /// <summary><c>send_email</c>: sends an approved email.</summary>
    public const string SendEmail = "send_email";

    /// <summary><c>send_sms</c>: sends a text message.</summary>
    public const string SendSms = "send_sms";

    /// <summary><c>wait</c>: waits for a duration, a date or a condition.</summary>
    public const string Wait = "wait";

    /// <summary><c>wait_for_reply</c>: waits for an SMS reply and branches on it.</summary>
    public const string WaitForReply = "wait_for_reply";

    /// <summary><c>update_contact</c>: writes contact fields.</summary>
    public const string UpdateContact = "update_contact";

    /// <summary><c>add_to_list</c>: adds the contact to a static list.</summary>
    public const string AddToList = "add_to_list";

    /// <summary><c>remove_from_list</c>: removes the contact from a static list.</summary>
    public const string RemoveFromList = "remove_from_list";

    /// <summary><c>condition_check</c>: branches on a rule tree.</summary>
    public const string ConditionCheck = "condition_check";

    /// <summary><c>split</c>: branches by percentage.</summary>
    public const string Split = "split";

    /// <summary><c>send_webhook</c>: calls an HTTP endpoint.</summary>
    public const string SendWebhook = "send_webhook";

    /// <summary><c>create_page</c>: makes a page for the member.</summary>
    public const string CreatePage = "create_page";

    /// <summary><c>drop_from_flow</c>: ends the membership.</summary>
    public const string DropFromFlow = "drop_from_flow";
}
