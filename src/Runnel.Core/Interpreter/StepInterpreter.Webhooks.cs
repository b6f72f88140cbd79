using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Webhooks;

namespace Runnel.Core.Interpreter;

// The send_webhook step: emit a durable delivery and park until the webhook pump reports how it went.
public sealed partial class StepInterpreter
{
    private static Outcome SendWebhook(SendWebhookStep step, RunState run)
    {
        if (step.EndpointUrl is not { } url)
        {
            return new Outcome.Failure("The step has no endpoint_url.", false);
        }

        var member = run.Member;
        var jwt = step.AuthType == "jwt";
        run.Webhooks.Add(new WebhookRequest(run.Input.NewId(), member.WorkspaceId, member.FlowId, member.Id,
            step.StepId, member.Visit, $"{member.Id:D}:{step.StepId}:{member.Visit}", url, step.Method ?? "post",
            jwt ? step.Token : null, jwt ? step.SecretRef : null, step.OnFailure == "fail",
            WebhookPayload.Build(member, run.Contact, step).ToJsonString()));
        return new Outcome.Park(null, null, WaitKinds.Webhook);
    }

    private static Outcome ResumeWebhook(SendWebhookStep step, RunState run)
    {
        if (WebhookOutcome.ReadFrom(run.Member, step.StepId) is not { } outcome)
        {
            // Woken before the delivery finished (a reactivation, a contact change): keep waiting for it.
            return new Outcome.Park(null, null, WaitKinds.Webhook);
        }

        return !outcome.Succeeded && step.OnFailure == "fail"
            ? new Outcome.Failure($"The webhook failed: {outcome.Error}", false, outcome.Attempts)
            : new Outcome.Next(step.NextStepId);
    }
}
