using Runnel.Core.Errors;
using Runnel.Core.Net;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

/// <summary>
/// Whether a flow is complete enough to run (API.md §8.5). Pure: what it needs to know about lists, fields, secrets,
/// forms and emails comes from an <see cref="IActivationCatalog"/>. Every problem is reported, each with its path.
/// </summary>
public static class ActivationChecks
{
    /// <summary>Standard contact fields by JSON name (API.md §3).</summary>
    private static readonly HashSet<string> StandardFields = new(StringComparer.Ordinal)
    {
        "id", "email", "phone", "external_id", "first_name", "last_name", "timezone", "email_subscription_status",
        "sms_subscription_status", "opted_in_at", "created_at", "updated_at",
    };

    /// <summary>The standard fields holding dates, which waits may wait until.</summary>
    private static readonly HashSet<string> StandardDateFields =
        new(StringComparer.Ordinal) { "created_at", "updated_at", "opted_in_at" };

    /// <param name="definition">The flow's definition as it would be frozen.</param>
    /// <param name="catalog">The workspace's lists, custom fields, secrets, forms and emails.</param>
    /// <param name="allowedWebhookHosts">Operator-allowed private webhook targets, lower-case <c>host:port</c>.</param>
    /// <param name="executableTypes">The step types that can run; <see cref="ExecutableStepTypes.All"/> unless given.</param>
    public static async Task<IReadOnlyList<FieldError>> CheckAsync(FlowDefinition definition,
        IActivationCatalog catalog,
        IReadOnlySet<string>? allowedWebhookHosts = null, IReadOnlySet<string>? executableTypes = null)
    {
        var executable = executableTypes ?? ExecutableStepTypes.All;
        var problems = new ValidationErrors();
        await CheckTriggersAsync(definition, catalog, problems);
        CheckGraph(definition, problems);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            await CheckStepAsync(definition.Steps[i], $"steps[{i}]", catalog, allowedWebhookHosts, executable,
                problems);
        }

        await CheckSmsSenderAsync(definition, catalog, problems);
        CheckEmailStepReferences(definition, problems);
        await CheckRuleListReferencesAsync(definition, catalog, problems);
        return problems.Items;
    }

    /// <summary>
    /// SMS steps need the workspace's sender number; without it nothing could be sent or replied to. (A flow that waits
    /// for replies needs no explicit session TTL: it defaults to 30 minutes, API.md §8.7.)
    /// </summary>
    private static async Task CheckSmsSenderAsync(FlowDefinition definition, IActivationCatalog catalog,
        ValidationErrors problems)
    {
        var smsSteps = definition.Steps.Select((step, i) => (step, i))
            .Where(x => x.step is SendSmsStep or WaitForReplyStep).ToList();
        if (smsSteps.Count == 0 || await catalog.HasSmsSenderAsync())
        {
            return;
        }

        foreach (var (step, i) in smsSteps)
        {
            problems.Add($"steps[{i}]",
                $"{step.Type} step needs the workspace's settings.sms_from: set it with PATCH /v1/settings");
        }
    }

    private static async Task CheckTriggersAsync(FlowDefinition definition, IActivationCatalog catalog,
        ValidationErrors problems)
    {
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            var path = $"triggers[{i}]";
            var trigger = definition.Triggers[i];
            if (FlowReferences.TryGetListId(trigger, out var listId))
            {
                await CheckStaticListAsync(listId, $"{path}.list_id", $"{trigger.Type} trigger", catalog, problems);
            }

            switch (trigger)
            {
                case FormSubmittedTrigger form when form.FormId is null:
                    problems.Add($"{path}.form_id", "form_submitted trigger has no form");
                    break;
                case FormSubmittedTrigger form when !await catalog.FormExistsAsync(form.FormId!.Value):
                    problems.Add($"{path}.form_id", "form does not exist");
                    break;
                case FormSubmittedTrigger { PageId: { } pageId } form
                    when !await catalog.PageShowsFormAsync(pageId, form.FormId!.Value):
                    problems.Add($"{path}.page_id", "page does not exist or does not show this trigger's form");
                    break;
                case ContactUpdatedTrigger updated:
                    await CheckContactFieldAsync(updated.Field, $"{path}.field", "contact_updated trigger", catalog,
                        problems);
                    break;
                case DateBasedTrigger date:
                    await CheckDateTriggerFieldAsync(date.Field, $"{path}.field", catalog, problems);
                    break;
                case EventTrigger { Name: null }:
                    problems.Add($"{path}.name", "event trigger has no event name");
                    break;
                case InboundMessageTrigger { Keywords: null }:
                    problems.Add($"{path}.keywords", "inbound_message trigger has no keywords");
                    break;
            }
        }
    }

    /// <summary>Edges to nowhere, steps the entry cannot reach, and loops a member could spin in forever.</summary>
    private static void CheckGraph(FlowDefinition definition, ValidationErrors problems)
    {
        var steps = definition.Steps;
        if (steps.Count == 0)
        {
            problems.Add("steps", "the flow has no steps");
            return;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            index.TryAdd(steps[i].StepId, i);
        }

        var entry = definition.EffectiveEntryStepId!;
        if (!index.ContainsKey(entry))
        {
            problems.Add("entry_step_id", $"names step '{entry}', which does not exist");
        }

        var successors = new List<int>[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            successors[i] = [];
            foreach (var edge in steps[i].Edges())
            {
                if (edge.Target is null)
                {
                    continue;
                }

                if (index.TryGetValue(edge.Target, out var target))
                {
                    successors[i].Add(target);
                }
                else
                {
                    problems.Add($"steps[{i}].{edge.Member}", $"names step '{edge.Target}', which does not exist");
                }
            }
        }

        if (index.TryGetValue(entry, out var start))
        {
            var reached = Reachable(start, successors);
            for (var i = 0; i < steps.Count; i++)
            {
                if (!reached[i])
                {
                    problems.Add($"steps[{i}]", $"step '{steps[i].StepId}' cannot be reached from the entry step");
                }
            }
        }

        foreach (var loop in LoopsWithoutWait(steps, successors))
        {
            var names = string.Join(" → ", loop.Select(i => steps[i].StepId).Append(steps[loop[0]].StepId));
            problems.Add($"steps[{loop.Min()}]",
                $"steps {names} form a loop with no wait or wait_for_reply step, so a member would never stop");
        }
    }

    private static bool[] Reachable(int start, List<int>[] successors)
    {
        var reached = new bool[successors.Length];
        var pending = new Stack<int>();
        pending.Push(start);
        reached[start] = true;
        while (pending.Count > 0)
        {
            foreach (var next in successors[pending.Pop()])
            {
                if (!reached[next])
                {
                    reached[next] = true;
                    pending.Push(next);
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// Every loop made only of steps that run at once: the strongly connected components (Tarjan, iterative) of the
    /// graph without its wait and wait_for_reply steps that hold a cycle. Each is returned in step order.
    /// </summary>
    private static List<List<int>> LoopsWithoutWait(IReadOnlyList<FlowStep> steps, List<int>[] successors)
    {
        var count = steps.Count;
        bool Pauses(int i) => steps[i] is WaitStep or WaitForReplyStep;
        var order = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(order, -1);
        var stack = new Stack<int>();
        var loops = new List<List<int>>();
        var counter = 0;

        for (var root = 0; root < count; root++)
        {
            if (order[root] >= 0 || Pauses(root))
            {
                continue;
            }

            // Each frame is a step and how many of its successors have been looked at.
            var frames = new Stack<(int Node, int Next)>();
            frames.Push((root, 0));
            order[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (frames.Count > 0)
            {
                var (node, next) = frames.Pop();
                if (next < successors[node].Count)
                {
                    frames.Push((node, next + 1));
                    var target = successors[node][next];
                    if (Pauses(target))
                    {
                        continue;
                    }

                    if (order[target] < 0)
                    {
                        order[target] = low[target] = counter++;
                        stack.Push(target);
                        onStack[target] = true;
                        frames.Push((target, 0));
                    }
                    else if (onStack[target])
                    {
                        low[node] = Math.Min(low[node], order[target]);
                    }

                    continue;
                }

                if (frames.Count > 0)
                {
                    var parent = frames.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] != order[node])
                {
                    continue;
                }

                var component = new List<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1 || successors[node].Contains(node))
                {
                    component.Sort();
                    loops.Add(component);
                }
            }
        }

        return loops;
    }

    private static async Task CheckStepAsync(FlowStep step, string path, IActivationCatalog catalog,
        IReadOnlySet<string>? allowedWebhookHosts, IReadOnlySet<string> executable, ValidationErrors problems)
    {
        if (!executable.Contains(step.Type))
        {
            problems.Add($"{path}.type",
                $"'{step.Type}' steps cannot run on this server: the channel they need is not available");
        }

        if (FlowReferences.TryGetListId(step, out var listId))
        {
            await CheckStaticListAsync(listId, $"{path}.list_id", $"{step.Type} step", catalog, problems);
        }

        switch (step)
        {
            case CreatePageStep { Source: "template", TemplateId: { } templateId }
                when !await catalog.TemplateExistsAsync(templateId):
                problems.Add($"{path}.template_id", "template does not exist");
                break;
            case SendEmailStep { EmailId: null }:
                problems.Add($"{path}.email_id", "send_email step has no email");
                break;
            case SendEmailStep email:
                var state = await catalog.FindEmailAsync(email.EmailId!.Value);
                if (state is null)
                {
                    problems.Add($"{path}.email_id", "email does not exist");
                }
                else if (state != EmailState.Approved)
                {
                    problems.Add($"{path}.email_id", "email is not approved");
                }

                break;
            case WaitStep { UntilDateField: { } field }:
                if (!await IsDateFieldAsync(field, catalog))
                {
                    problems.Add($"{path}.until_date_field",
                        $"'{field}' is not a date field: use created_at, updated_at, opted_in_at or an active "
                        + "date or datetime custom field");
                }

                break;
            case SplitStep { Branches: { Count: > 0 } branches } when branches.Sum(b => b.Percent) != 100:
                problems.Add($"{path}.branches", $"percentages add up to {branches.Sum(b => b.Percent)}, not 100");
                break;
            case SendWebhookStep webhook:
                await CheckWebhookAsync(webhook, path, catalog, allowedWebhookHosts, problems);
                break;
            case SendSmsStep { Body: null or "" }:
                problems.Add($"{path}.body", "send_sms step has no body");
                break;
        }
    }

    private static async Task CheckWebhookAsync(SendWebhookStep webhook, string path, IActivationCatalog catalog,
        IReadOnlySet<string>? allowedWebhookHosts, ValidationErrors problems)
    {
        if (webhook.EndpointUrl is null)
        {
            problems.Add($"{path}.endpoint_url", "send_webhook step has no endpoint_url");
        }
        else if (PublicUrl.Problem(webhook.EndpointUrl, allowedWebhookHosts) is { } reason)
        {
            problems.Add($"{path}.endpoint_url", $"is not a public http(s) URL: it {reason}");
        }

        if (webhook.SecretRef is { } secret && !await catalog.SecretExistsAsync(secret))
        {
            problems.Add($"{path}.secret_ref", $"secret '{secret}' does not exist");
        }
    }

    private static async Task CheckStaticListAsync(Guid? listId, string path, string owner, IActivationCatalog catalog,
        ValidationErrors problems)
    {
        if (listId is not { } id)
        {
            problems.Add(path, $"{owner} has no list");
            return;
        }

        switch (await catalog.FindListAsync(id))
        {
            case null:
                problems.Add(path, "list does not exist");
                break;
            case ListKind.Dynamic:
                problems.Add(path, "list is not static");
                break;
        }
    }

    private static async Task CheckContactFieldAsync(string? field, string path, string owner,
        IActivationCatalog catalog, ValidationErrors problems)
    {
        if (field is null)
        {
            problems.Add(path, $"{owner} has no field");
        }
        else if (!StandardFields.Contains(field) && await catalog.FindCustomFieldAsync(field) is not { Active: true })
        {
            problems.Add(path, $"'{field}' is neither a standard contact field nor an active custom field");
        }
    }

    private static async Task CheckDateTriggerFieldAsync(string? field, string path, IActivationCatalog catalog,
        ValidationErrors problems)
    {
        if (field is null)
        {
            problems.Add(path, "date_based trigger has no field");
        }
        else if (field != "created_at" && await catalog.FindCustomFieldAsync(field) is not { Active: true,
            IsDate: true })
        {
            problems.Add(path, $"'{field}' is not created_at or an active date or datetime custom field");
        }
    }

    private static async Task<bool> IsDateFieldAsync(string field, IActivationCatalog catalog) =>
        StandardDateFields.Contains(field) || await catalog.FindCustomFieldAsync(field) is { Active: true,
            IsDate: true };

    /// <summary>
    /// <c>list</c> leaves of segments, conditions and disqualification rules must name a list of this workspace
    /// (either kind). Without this, a leaf naming another workspace's list or a made-up id activated and then never
    /// matched.
    /// </summary>
    private static async Task CheckRuleListReferencesAsync(FlowDefinition definition, IActivationCatalog catalog,
        ValidationErrors problems)
    {
        foreach (var (tree, treePath) in FlowReferences.RuleTrees(definition))
        {
            foreach (var (listId, path) in RuleTree.ListReferences(tree, treePath))
            {
                if (await catalog.FindListAsync(listId) is null)
                {
                    problems.Add(path, "list does not exist");
                }
            }
        }
    }

    /// <summary>email_step conditions must name a send_email step of this flow.</summary>
    private static void CheckEmailStepReferences(FlowDefinition definition, ValidationErrors problems)
    {
        var sendEmailSteps = definition.Steps.OfType<SendEmailStep>().Select(s => s.StepId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (rule, path) in FlowReferences.RuleLeaves(definition))
        {
            if (rule is EmailStepRule emailStep && !sendEmailSteps.Contains(emailStep.StepId))
            {
                problems.Add($"{path}.step_id", $"'{emailStep.StepId}' is not a send_email step of this flow");
            }
        }
    }
}
