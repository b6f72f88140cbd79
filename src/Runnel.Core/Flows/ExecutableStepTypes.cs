namespace Runnel.Core.Flows;

/// <summary>
/// The one list of step types this server can execute. Activation (and <c>POST /v1/flows/{id}/validate</c>) reports
/// a step of any other type in <c>missing</c> rather than activating a flow that would fail every member there; the
/// interpreter has an executor for each type listed (<c>ExecutableStepTypesTests</c> holds both sides to this list
/// for every type in <see cref="StepTypes"/>). A new step type is added here together with its executor.
/// </summary>
public static class ExecutableStepTypes
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        StepTypes.SendEmail,
        StepTypes.Wait,
        StepTypes.UpdateContact,
        StepTypes.AddToList,
        StepTypes.RemoveFromList,
        StepTypes.ConditionCheck,
        StepTypes.Split,
        StepTypes.SendSms,
        StepTypes.WaitForReply,
        StepTypes.SendWebhook,
        StepTypes.CreatePage,
        StepTypes.DropFromFlow,
    };

    public static IReadOnlySet<string> All => Types;

    public static bool CanExecute(string type) => Types.Contains(type);
}
