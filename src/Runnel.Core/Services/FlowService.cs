using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Net;
using Runnel.Core.Storage;
using Runnel.Core.Time;

namespace Runnel.Core.Services;

/// <summary>
/// Flow definitions and their lifecycle (API.md §8.1–8.5): format validation before the store is touched, and every
/// read-check-write (status rules, step anchors, activation checks, versioning) inside one write transaction.
/// </summary>
public sealed class FlowService(IRunnelStore store, TimeProvider time, FlowEmailLookup emailLookup,
    WebhookAllowList webhookAllowList, EmailService emails)
{
    public async Task<FlowView> CreateAsync(Guid workspaceId, CreateFlowRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        FlowValidator.ValidateName(request.Name, "name", errors);
        FlowValidator.ValidateDescription(request.Description, "description", errors);
        FlowValidator.ValidateUi(request.Ui, "ui", errors);
        var definition = new FlowDefinition
        {
            Triggers = Items(request.Triggers),
            Steps = Items(request.Steps),
            EntryStepId = request.EntryStepId,
            ReentryPolicy = request.ReentryPolicy ?? new ReentryPolicy(),
            DisqualificationRules = request.DisqualificationRules,
            Settings = request.Settings ?? new FlowSettings(),
        };
        FlowValidator.ValidateDefinition(definition, errors);
        errors.ThrowIfAny();
        FlowValidator.ThrowIfDuplicateStepIds(definition.Steps);

        var now = time.GetUtcNow();
        var flow = new Flow(Ids.New(time), workspaceId, request.Name!.Trim(), request.Description ?? "",
            FlowStatus.Draft, definition, 0, now, now, null, request.Ui);
        return await store.WriteAsync(async s =>
        {
            var inserted = flow with { Definition = await WithZoneAsync(s, workspaceId, definition) };
            await s.Flows.InsertAsync(inserted);
            return await ViewAsync(s, inserted);
        }, ct);
    }

    public Task<Page<FlowView>> ListAsync(Guid workspaceId, FlowListQuery query, PageRequest page,
        CancellationToken ct) => store.ReadAsync(async s =>
    {
        var flows = await s.Flows.ListAsync(workspaceId, query, page);
        var stats = await s.Members.CountByFlowAsync(workspaceId, flows.Items.Select(f => f.Id).ToArray());
        return flows.Map(f => new FlowView(f, stats.GetValueOrDefault(f.Id) ?? FlowStats.Zero));
    }, ct);

    public Task<FlowView> GetAsync(Guid workspaceId, Guid flowId, CancellationToken ct) =>
        store.ReadAsync(async s => await ViewAsync(s, await LoadAsync(s, workspaceId, flowId)), ct);

    /// <summary><c>GET /v1/flows/{id}/step-stats</c>: per step and per edge of a version (default the current one).</summary>
    public Task<FlowStepStats> StepStatsAsync(Guid workspaceId, Guid flowId, int? version, CancellationToken ct) =>
        store.ReadAsync(s => FlowStepStatsReader.ReadAsync(s, workspaceId, flowId, version), ct);

    public Task<FlowView> UpdateAsync(Guid workspaceId, Guid flowId, UpdateFlowRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Name.IsSet)
        {
            FlowValidator.ValidateName(request.Name.Value, "name", errors);
        }

        FlowValidator.ValidateDescription(request.Description.GetValueOr(null), "description", errors);
        FlowValidator.ValidateUi(request.Ui.GetValueOr(null), "ui", errors);
        FlowValidator.ValidateTriggers(request.Triggers.GetValueOr(null) ?? [], "triggers", errors);
        FlowValidator.ValidateSteps(request.Steps.GetValueOr(null) ?? [], "steps", errors);
        FlowValidator.ValidateEdge(request.EntryStepId.GetValueOr(null), "entry_step_id", errors);
        FlowValidator.ValidateReentry(request.ReentryPolicy.GetValueOr(null), "reentry_policy", errors);
        FlowValidator.ValidateRules(request.DisqualificationRules.GetValueOr(null), "disqualification_rules", errors);
        errors.ThrowIfAny();
        FlowValidator.ThrowIfDuplicateStepIds(Items(request.Steps.GetValueOr(null)));

        return EditAsync(workspaceId, flowId, request.ChangesStructure, async (s, flow) =>
        {
            var definition = flow.Definition;
            var settings = request.Settings.IsSet ? MergeSettings(definition.Settings, request.Settings.Value) : null;
            if (settings is { Timezone: null })
            {
                settings = settings with { Timezone = await WorkspaceZoneAsync(s, workspaceId) };
            }

            return flow with
            {
                Name = request.Name.IsSet ? request.Name.Value!.Trim() : flow.Name,
                Description = request.Description.IsSet ? request.Description.Value ?? "" : flow.Description,
                Ui = request.Ui.GetValueOr(flow.Ui),
                Definition = definition with
                {
                    Triggers = request.Triggers.IsSet ? Items(request.Triggers.Value) : definition.Triggers,
                    Steps = request.Steps.IsSet ? Items(request.Steps.Value) : definition.Steps,
                    EntryStepId = request.EntryStepId.GetValueOr(definition.EntryStepId),
                    ReentryPolicy = request.ReentryPolicy.IsSet
                        ? request.ReentryPolicy.Value ?? new ReentryPolicy()
                        : definition.ReentryPolicy,
                    DisqualificationRules = request.DisqualificationRules.GetValueOr(definition.DisqualificationRules),
                    Settings = settings ?? definition.Settings,
                },
            };
        }, ct);
    }

    public async Task DeleteAsync(Guid workspaceId, Guid flowId, CancellationToken ct) =>
        await store.WriteAsync(async s =>
        {
            var flow = await LoadAsync(s, workspaceId, flowId);
            if (flow.Status == FlowStatus.Active)
            {
                throw new RunnelException(ErrorCodes.FlowActive, "Pause or archive the flow before deleting it.");
            }

            return await s.Flows.DeleteAsync(workspaceId, flowId);
        }, ct);

    public Task<FlowView> ReplaceStepsAsync(Guid workspaceId, Guid flowId, ReplaceStepsRequest request,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Steps is null)
        {
            errors.Add("steps", "is required: the full list of steps");
        }

        var steps = Items(request.Steps);
        FlowValidator.ValidateSteps(steps, "steps", errors);
        errors.ThrowIfAny();
        FlowValidator.ThrowIfDuplicateStepIds(steps);
        return EditAsync(workspaceId, flowId, structural: true,
            flow => flow with { Definition = flow.Definition with { Steps = steps } }, ct);
    }

    public Task<FlowView> AddStepAsync(Guid workspaceId, Guid flowId, AddStepRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Step is null)
        {
            errors.Add("step", "is required");
        }
        else
        {
            FlowValidator.ValidateStep(request.Step, "step", errors);
        }

        var anchors = new (string Member, string? Value)[]
        {
            ("position", request.Position), ("before_step_id", request.BeforeStepId),
            ("after_step_id", request.AfterStepId),
        }.Where(a => a.Value is not null).ToArray();
        if (anchors.Length > 1)
        {
            foreach (var (member, _) in anchors)
            {
                errors.Add(member, "give at most one of position, before_step_id and after_step_id");
            }
        }

        if (request.Position is not (null or "start" or "end"))
        {
            errors.Add("position", "must be start or end");
        }

        errors.ThrowIfAny();
        var step = request.Step!;
        return EditAsync(workspaceId, flowId, structural: true, flow =>
        {
            var steps = flow.Definition.Steps.ToList();
            var at = request switch
            {
                { Position: "start" } => 0,
                { BeforeStepId: { } before } => IndexOf(steps, before, "before_step_id"),
                { AfterStepId: { } after } => IndexOf(steps, after, "after_step_id") + 1,
                _ => steps.Count,
            };
            steps.Insert(at, step);
            FlowValidator.ThrowIfDuplicateStepIds(steps);
            return flow with { Definition = flow.Definition with { Steps = steps } };
        }, ct);
    }

    /// <summary>
    /// Merges the given members onto the step's JSON (null removes one), then reads and validates the result as a
    /// whole, so a type change is accepted exactly when the merged step is a valid step of the new type.
    /// </summary>
    public Task<FlowView> UpdateStepAsync(Guid workspaceId, Guid flowId, string stepId, UpdateStepRequest request,
        CancellationToken ct)
    {
        if (request.Step is not { } patch)
        {
            throw RunnelException.Invalid("step", "is required: the members of the step to change");
        }

        if (patch.TryGetPropertyValue("step_id", out var newId)
            && !(newId is JsonValue value && value.TryGetValue<string>(out var id) && id == stepId))
        {
            throw RunnelException.Invalid("step.step_id",
                "cannot change; add a step with the new step_id and delete this one instead");
        }

        return EditAsync(workspaceId, flowId, structural: true, flow =>
        {
            var steps = flow.Definition.Steps.ToList();
            var index = steps.FindIndex(s => s.StepId == stepId);
            if (index < 0)
            {
                throw new RunnelException(ErrorCodes.FlowStepNotFound, $"The flow has no step '{stepId}'.");
            }

            var merged = JsonSerializer.SerializeToNode(steps[index], RunnelJson.Options)!.AsObject();
            MergeMembers(merged, patch);
            var updated = JsonErrors.Deserialize<FlowStep>(merged, "step");
            var errors = new ValidationErrors();
            FlowValidator.ValidateStep(updated, "step", errors);
            errors.ThrowIfAny();
            steps[index] = updated;
            return flow with { Definition = flow.Definition with { Steps = steps } };
        }, ct);
    }

    /// <summary>
    /// API.md §8.4 <c>PUT …/steps/{step_id}/email</c>: points a send_email step at an existing email, or at a new
    /// draft made from a template, from HTML, or from the blank scaffold — created in the same transaction.
    /// </summary>
    public Task<FlowView> SetStepEmailAsync(Guid workspaceId, Guid flowId, string stepId, SetStepEmailRequest request,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var allowed = request.Source switch
        {
            "existing" => new[] { "email_id" },
            "template" => ["template_id", "subject"],
            "html" => ["html", "subject"],
            "blank" => ["subject"],
            null => [],
            _ => null,
        };
        if (request.Source is null)
        {
            errors.Add("source", "is required: existing, template, html or blank");
        }
        else if (allowed is null)
        {
            errors.Add("source", "must be existing, template, html or blank");
        }
        else
        {
            var given = new Dictionary<string, string?>
            {
                ["email_id"] = request.EmailId, ["template_id"] = request.TemplateId, ["subject"] = request.Subject,
                ["html"] = request.Html,
            };
            foreach (var (member, value) in given)
            {
                if (allowed.Contains(member) && string.IsNullOrWhiteSpace(value))
                {
                    errors.Add(member, $"is required with source \"{request.Source}\"");
                }
                else if (!allowed.Contains(member) && value is not null)
                {
                    errors.Add(member, $"does not go with source \"{request.Source}\"");
                }
            }
        }

        Guid emailId = default;
        if (request.EmailId is { } rawId && !Ids.TryParse(rawId, out emailId))
        {
            errors.Add("email_id", "must be an email id");
        }

        errors.ThrowIfAny();
        return EditAsync(workspaceId, flowId, structural: true, async (s, flow) =>
        {
            var steps = flow.Definition.Steps.ToList();
            var index = steps.FindIndex(step => step.StepId == stepId);
            if (index < 0)
            {
                throw new RunnelException(ErrorCodes.FlowStepNotFound, $"The flow has no step '{stepId}'.");
            }

            if (steps[index] is not SendEmailStep step)
            {
                throw new RunnelException(ErrorCodes.StepNotSendEmail,
                    $"Step '{stepId}' is a {steps[index].Type} step; only send_email steps have an email.");
            }

            if (request.Source == "existing")
            {
                if (await s.Emails.GetStatusAsync(workspaceId, emailId) is null)
                {
                    throw RunnelException.NotFound(ErrorCodes.EmailNotFound);
                }
            }
            else
            {
                var name = $"{flow.Name} · {stepId}";
                var draft = await emails.CreateDraftInSessionAsync(s, workspaceId, new Emails.CreateEmailRequest(
                    name.Length > Emails.EmailInput.MaxNameLength ? name[..Emails.EmailInput.MaxNameLength] : name, request.Subject,
                    Html: request.Source switch
                    {
                        "html" => request.Html,
                        "blank" => EmailService.BlankHtml,
                        _ => null,
                    },
                    TemplateId: request.TemplateId), time.GetUtcNow());
                emailId = draft.Id;
            }

            steps[index] = step with { EmailId = emailId };
            return flow with { Definition = flow.Definition with { Steps = steps } };
        }, ct);
    }

    public Task<FlowView> DeleteStepAsync(Guid workspaceId, Guid flowId, string stepId, CancellationToken ct) =>
        EditAsync(workspaceId, flowId, structural: true, flow =>
        {
            var steps = flow.Definition.Steps.Where(s => s.StepId != stepId).ToArray();
            if (steps.Length == flow.Definition.Steps.Count)
            {
                throw new RunnelException(ErrorCodes.FlowStepNotFound, $"The flow has no step '{stepId}'.");
            }

            return flow with { Definition = flow.Definition with { Steps = steps } };
        }, ct);

    /// <summary>
    /// Activation as a dry run (API.md §8.5): what would stop the flow from activating now, changing nothing. An
    /// archived flow answers as activating it would (409 flow_archived).
    /// </summary>
    public Task<IReadOnlyList<FieldError>> ValidateAsync(Guid workspaceId, Guid flowId, CancellationToken ct) =>
        store.ReadAsync(async s =>
        {
            var flow = await LoadAsync(s, workspaceId, flowId);
            if (flow.Status == FlowStatus.Archived)
            {
                throw new RunnelException(ErrorCodes.FlowArchived, "Archived flows cannot be activated.");
            }

            return await MissingAsync(s, flow);
        }, ct);

    /// <summary>
    /// draft or paused → active, when the activation checks pass: the definition is frozen as the next version.
    /// Activating an active flow changes nothing.
    /// </summary>
    public Task<FlowView> ActivateAsync(Guid workspaceId, Guid flowId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var flow = await LoadAsync(s, workspaceId, flowId);
            switch (flow.Status)
            {
                case FlowStatus.Active:
                    return await ViewAsync(s, flow);
                case FlowStatus.Archived:
                    throw new RunnelException(ErrorCodes.FlowArchived, "Archived flows cannot be activated.");
            }

            var missing = await MissingAsync(s, flow);
            if (missing.Count > 0)
            {
                throw RunnelException.NotReady(ErrorCodes.FlowNotReady, missing);
            }

            var version = flow.Version + 1;
            await s.Flows.InsertVersionAsync(flow.Id, version, flow.Definition, now);
            var activated = flow with
            {
                Status = FlowStatus.Active, Version = version, ActivatedAt = now, UpdatedAt = now,
            };
            await s.Flows.UpdateAsync(activated);
            // Triggers fire on new events only: whatever was written before now (or while paused) never enrolls.
            await s.Triggers.MarkActivationAsync(flow.Id, now);
            await MoveMembersToVersionAsync(s, activated, now);
            return await ViewAsync(s, activated);
        }, ct);
    }

    private async Task<IReadOnlyList<FieldError>> MissingAsync(IStoreSession s, Flow flow)
    {
        var catalog = s.Flows.ActivationCatalog(flow.WorkspaceId, emailId => emailLookup(s, flow.WorkspaceId, emailId));
        return await ActivationChecks.CheckAsync(flow.Definition, catalog, webhookAllowList.Hosts);
    }

    /// <summary>active → paused: no new enrollments, members hold where they are.</summary>
    public Task<FlowView> PauseAsync(Guid workspaceId, Guid flowId, CancellationToken ct) =>
        TransitionAsync(workspaceId, flowId, flow => flow.Status switch
        {
            FlowStatus.Active => FlowStatus.Paused,
            _ => throw new RunnelException(ErrorCodes.FlowNotActive,
                $"Only active flows can be paused; this one is {Wire(flow.Status)}."),
        }, ct);

    /// <summary>draft or paused → archived; archiving an archived flow changes nothing.</summary>
    public Task<FlowView> ArchiveAsync(Guid workspaceId, Guid flowId, CancellationToken ct) =>
        TransitionAsync(workspaceId, flowId, flow => flow.Status switch
        {
            FlowStatus.Active => throw new RunnelException(ErrorCodes.FlowActive,
                "Pause the flow before archiving it."),
            _ => FlowStatus.Archived,
        }, ct);

    private Task<FlowView> TransitionAsync(Guid workspaceId, Guid flowId, Func<Flow, FlowStatus> next,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var flow = await LoadAsync(s, workspaceId, flowId);
            var status = next(flow);
            if (status == flow.Status)
            {
                return await ViewAsync(s, flow);
            }

            var changed = flow with { Status = status, UpdatedAt = now };
            await s.Flows.UpdateAsync(changed);
            if (status == FlowStatus.Archived)
            {
                await MemberLifecycle.DropAllRunningAsync(s, flow.Id, ExitReasons.FlowArchived, now);
            }

            return await ViewAsync(s, changed);
        }, ct);
    }

    /// <summary>
    /// Loads, checks the status allows the edit, applies it and stores it, all in one write. Archived flows take no
    /// edits; structure (triggers, steps, entry, reentry) changes only while draft or paused.
    /// </summary>
    private Task<FlowView> EditAsync(Guid workspaceId, Guid flowId, bool structural, Func<Flow, Flow> edit,
        CancellationToken ct) =>
            EditAsync(workspaceId, flowId, structural, (_, flow) => Task.FromResult(edit(flow)), ct);

    private Task<FlowView> EditAsync(Guid workspaceId, Guid flowId, bool structural,
        Func<IStoreSession, Flow, Task<Flow>> edit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var flow = await LoadAsync(s, workspaceId, flowId);
            if (flow.Status == FlowStatus.Archived)
            {
                throw new RunnelException(ErrorCodes.FlowNotEditable, "Archived flows cannot be edited.");
            }

            if (structural && flow.Status == FlowStatus.Active)
            {
                throw new RunnelException(ErrorCodes.FlowNotEditable,
                    "Triggers, steps, entry_step_id and reentry_policy change only while the flow is draft or "
                    + "paused; pause it first.");
            }

            var edited = (await edit(s, flow)) with { UpdatedAt = now };
            await s.Flows.UpdateAsync(edited);
            if (edited.Status == FlowStatus.Active && edited.Definition.DisqualificationRules is { } rules
                && !Equals(RunnelJson.Serialize(rules), RunnelJson.Serialize(flow.Definition.DisqualificationRules)))
            {
                await DropDisqualifiedAsync(s, edited, rules, now);
            }

            return await ViewAsync(s, edited);
        }, ct);
    }

    /// <summary>
    /// API.md §8.7: on (re)activation members continue on the new version at their current step; a member whose step
    /// no longer exists is dropped with <c>step_removed</c>.
    /// </summary>
    private static async Task MoveMembersToVersionAsync(IStoreSession s, Flow flow, DateTimeOffset now)
    {
        const int batchSize = 500;
        Guid? after = null;
        while (true)
        {
            var batch = await s.Members.ListRunningAsync(flow.Id, after, batchSize);
            foreach (var member in batch)
            {
                if (member.CurrentStepId is { } stepId && flow.Definition.FindStep(stepId) is null)
                {
                    await MemberLifecycle.DropAsync(s, member, ExitReasons.StepRemoved, now);
                }
                else if (!await s.Members.UpdateAsync(member with { FlowVersion = flow.Version }, member.Revision))
                {
                    throw new InvalidOperationException($"Member {member.Id} changed while moving versions.");
                }
            }

            if (batch.Count < batchSize)
            {
                return;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>API.md §8.4: new disqualification rules on an active flow drop the members that match, at once.</summary>
    private static async Task DropDisqualifiedAsync(IStoreSession s, Flow flow, Rules.RuleNode rules,
        DateTimeOffset now)
    {
        const int batchSize = 500;
        Guid? after = null;
        while (true)
        {
            var batch = await s.Members.ListRunningAsync(flow.Id, after, batchSize);
            var contacts = batch.Select(m => m.ContactId).Distinct().ToArray();
            var oracle = await FlowRuleOracle.LoadAsync(s, flow.WorkspaceId, contacts, [rules], now);
            foreach (var member in batch)
            {
                if (await s.Contacts.GetAsync(flow.WorkspaceId, member.ContactId) is { } contact
                    && oracle.Evaluate(rules, contact, member, []))
                {
                    await MemberLifecycle.DropAsync(s, member, ExitReasons.Disqualified, now);
                }
            }

            if (batch.Count < batchSize)
            {
                return;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>A flow that names no time zone runs in its workspace's (a Europe/London shop's flows wait for London).</summary>
    private static async Task<FlowDefinition> WithZoneAsync(IStoreSession s, Guid workspaceId,
        FlowDefinition definition) =>
        definition.Settings.Timezone is null
            ? definition with
            {
                Settings = definition.Settings with { Timezone = await WorkspaceZoneAsync(s, workspaceId) },
            }
            : definition;

    private static async Task<string> WorkspaceZoneAsync(IStoreSession s, Guid workspaceId) =>
        (await s.Workspaces.GetAsync(workspaceId))?.Timezone ?? TimeZones.Utc;

    private static FlowSettings MergeSettings(FlowSettings current, JsonObject? patch)
    {
        var merged = JsonSerializer.SerializeToNode(current, RunnelJson.Options)!.AsObject();
        if (patch is null)
        {
            merged.Clear();
        }
        else
        {
            MergeMembers(merged, patch);
        }

        var settings = JsonErrors.Deserialize<FlowSettings>(merged, "settings");
        var errors = new ValidationErrors();
        FlowValidator.ValidateSettings(settings, "settings", errors);
        errors.ThrowIfAny();
        return settings;
    }

    /// <summary>One level of JSON merge: a member present replaces the target's; a null removes it.</summary>
    private static void MergeMembers(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    /// <summary>A list from a request; null items are format errors, reported before the list is used.</summary>
    private static IReadOnlyList<T> Items<T>(IReadOnlyList<T?>? items)
        where T : class => items is null ? [] : (IReadOnlyList<T>)items;

    private static int IndexOf(List<FlowStep> steps, string stepId, string member)
    {
        var index = steps.FindIndex(s => s.StepId == stepId);
        return index >= 0 ? index : throw RunnelException.Invalid(member, $"the flow has no step '{stepId}'");
    }

    private static async Task<Flow> LoadAsync(IStoreSession session, Guid workspaceId, Guid flowId) =>
        await session.Flows.GetAsync(workspaceId, flowId) ?? throw RunnelException.NotFound(ErrorCodes.FlowNotFound);

    private static async Task<FlowView> ViewAsync(IStoreSession session, Flow flow) =>
        new(flow, (await session.Members.CountByFlowAsync(flow.WorkspaceId,
            [flow.Id])).GetValueOrDefault(flow.Id) ?? FlowStats.Zero);

    private static string Wire(FlowStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
