using System.Text.RegularExpressions;
using Runnel.Core.Errors;
using Runnel.Core.Net;

namespace Runnel.Core.Flows;

// Format rules of each step type (API.md §8.3).
public static partial class FlowValidator
{
    private static readonly string[] ReservedWebhookMembers =
        ["type", "flow_id", "step_id", "member_id", "contact", "context", "dynamic_context"];

    /// <summary>One step at <paramref name="path"/> (<c>steps[3]</c>, or <c>step</c> for single-step writes).</summary>
    public static void ValidateStep(FlowStep? step, string path, ValidationErrors errors)
    {
        if (step is null)
        {
            errors.Add(path, "must be a step object");
            return;
        }

        var stepIdPath = ValidationErrors.Join(path, "step_id");
        if (string.IsNullOrEmpty(step.StepId))
        {
            errors.Add(stepIdPath, "is required");
        }
        else if (!IsStepId(step.StepId))
        {
            errors.Add(stepIdPath, StepIdRule);
        }

        CheckText(step.Label, ValidationErrors.Join(path, "label"), MaxLabelLength, errors);
        foreach (var edge in step.Edges())
        {
            ValidateEdge(edge.Target, ValidationErrors.Join(path, edge.Member), errors);
        }

        switch (step)
        {
            case SendSmsStep sms:
                CheckText(sms.Body, ValidationErrors.Join(path, "body"), Limits.MaxSmsBodyLength, errors);
                CheckUrl(sms.MediaUrl, ValidationErrors.Join(path, "media_url"), errors);
                break;
            case WaitStep wait:
                ValidateWait(wait, path, errors);
                break;
            case WaitForReplyStep reply:
                ValidateWaitForReply(reply, path, errors);
                break;
            case UpdateContactStep update:
                ValidateUpdateContact(update, path, errors);
                break;
            case ConditionCheckStep check:
                ValidateRules(check.Condition, ValidationErrors.Join(path, "condition"), errors);
                break;
            case SplitStep split:
                ValidateSplit(split, path, errors);
                break;
            case SendWebhookStep webhook:
                ValidateWebhook(webhook, path, errors);
                break;
            case CreatePageStep page:
                ValidateCreatePage(page, path, errors);
                break;
        }
    }

    private enum WaitMode
    {
        None,
        Duration,
        UntilDate,
        Condition,
    }

    private static void ValidateWait(WaitStep wait, string path, ValidationErrors errors)
    {
        (string Member, bool Present)[] duration =
        [
            ("duration_amount", wait.DurationAmount is not null), ("duration_unit", wait.DurationUnit is not null),
            ("at_time", wait.AtTime is not null), ("at_timezone", wait.AtTimezone is not null),
        ];
        (string Member, bool Present)[] untilDate =
            [("until_date_field", wait.UntilDateField is not null), ("offset_days", wait.OffsetDays is not null)];
        (string Member, bool Present)[] condition =
        [
            ("condition", wait.Condition is not null), ("timeout_minutes", wait.TimeoutMinutes is not null),
            ("timeout_step_id", wait.TimeoutStepId is not null),
        ];

        // The first mode with any member present is the wait's mode; members of the others are reported one by one.
        var mode = duration.Any(m => m.Present) ? WaitMode.Duration
            : untilDate.Any(m => m.Present) ? WaitMode.UntilDate
            : condition.Any(m => m.Present) ? WaitMode.Condition
            : WaitMode.None;
        if (mode == WaitMode.None)
        {
            errors.Add(path,
                "a wait needs exactly one mode: duration_amount + duration_unit, until_date_field, or condition");
            return;
        }

        var modeName = mode switch
        {
            WaitMode.Duration => "duration",
            WaitMode.UntilDate => "until_date_field",
            _ => "condition",
        };
        foreach (var (members, owner) in new[] { (duration, WaitMode.Duration), (untilDate, WaitMode.UntilDate),
                     (condition, WaitMode.Condition) })
        {
            if (owner == mode)
            {
                continue;
            }

            foreach (var (member, present) in members)
            {
                if (present)
                {
                    errors.Add(ValidationErrors.Join(path, member),
                        $"is not allowed in a {modeName} wait: a wait has exactly one mode");
                }
            }
        }

        switch (mode)
        {
            case WaitMode.Duration:
                ValidateDuration(wait, path, errors);
                break;
            case WaitMode.UntilDate:
                CheckFieldName(wait.UntilDateField, ValidationErrors.Join(path, "until_date_field"), required: true,
                    errors);
                CheckRange(wait.OffsetDays, -Limits.MaxOffsetDays, Limits.MaxOffsetDays,
                    ValidationErrors.Join(path, "offset_days"), errors);
                break;
            default:
                if (wait.Condition is null)
                {
                    errors.Add(ValidationErrors.Join(path, "condition"), "is required in a condition wait");
                }

                ValidateRules(wait.Condition, ValidationErrors.Join(path, "condition"), errors);
                CheckRange(wait.TimeoutMinutes, 1, Limits.MaxMinutes, ValidationErrors.Join(path, "timeout_minutes"),
                    errors);
                if (wait.TimeoutStepId is not null && wait.TimeoutMinutes is null)
                {
                    errors.Add(ValidationErrors.Join(path, "timeout_minutes"), "is required with timeout_step_id");
                }

                break;
        }
    }

    private static void ValidateDuration(WaitStep wait, string path, ValidationErrors errors)
    {
        var amountPath = ValidationErrors.Join(path, "duration_amount");
        var unitMinutes = wait.DurationUnit switch
        {
            "minutes" => 1,
            "hours" => 60,
            "days" => 24 * 60,
            "weeks" => 7 * 24 * 60,
            _ => 0,
        };
        if (wait.DurationUnit is null)
        {
            errors.Add(ValidationErrors.Join(path, "duration_unit"), "is required: minutes, hours, days or weeks");
        }
        else if (unitMinutes == 0)
        {
            errors.Add(ValidationErrors.Join(path, "duration_unit"), "must be one of: minutes, hours, days, weeks");
        }

        if (wait.DurationAmount is not { } amount)
        {
            errors.Add(amountPath, "is required");
        }
        else if (amount < 1)
        {
            errors.Add(amountPath, "must be at least 1");
        }
        else if (unitMinutes > 0 && (long)amount * unitMinutes > Limits.MaxMinutes)
        {
            errors.Add(amountPath, "a wait lasts at most ten years");
        }

        CheckClock(wait.AtTime, ValidationErrors.Join(path, "at_time"), required: false, errors);
        if (wait.AtTimezone is not null)
        {
            if (wait.AtTime is null)
            {
                errors.Add(ValidationErrors.Join(path, "at_timezone"), "is only used with at_time");
            }
            else if (wait.AtTimezone != "contact")
            {
                CheckTimezone(wait.AtTimezone, ValidationErrors.Join(path, "at_timezone"), errors);
            }
        }
    }

    private static void ValidateWaitForReply(WaitForReplyStep reply, string path, ValidationErrors errors)
    {
        CheckRange(reply.TimeoutMinutes, 1, Limits.MaxMinutes, ValidationErrors.Join(path, "timeout_minutes"), errors);
        if (reply.Branches is not { } branches)
        {
            return;
        }

        CheckItems(branches, ValidationErrors.Join(path, "branches"), "branches", 0, Limits.MaxBranches, errors,
            (branch, branchPath) =>
            {
                var matchPath = ValidationErrors.Join(branchPath, "match");
                if (branch.Match is { } match)
                {
                    ValidateReplyMatch(match, matchPath, errors);
                }
                else
                {
                    errors.Add(matchPath, "is required");
                }
            });
    }

    private static void ValidateReplyMatch(ReplyMatch match, string path, ValidationErrors errors)
    {
        var valuesPath = ValidationErrors.Join(path, "values");
        var values = match.Values ?? [];
        switch (match.Type)
        {
            case null:
                errors.Add(ValidationErrors.Join(path, "type"), "is required: keyword, number, regex or any");
                return;
            case "any":
                if (values.Count > 0)
                {
                    errors.Add(valuesPath, "is not used with type any");
                }

                return;
            case "keyword" or "number" or "regex":
                break;
            default:
                errors.Add(ValidationErrors.Join(path, "type"), "must be one of: keyword, number, regex, any");
                return;
        }

        if (values.Count == 0)
        {
            errors.Add(valuesPath, $"needs at least one value with type {match.Type}");
        }
        else if (values.Count > Limits.MaxValues)
        {
            errors.Add(valuesPath, $"at most {Limits.MaxValues} values");
        }

        for (var i = 0; i < values.Count; i++)
        {
            var valuePath = ValidationErrors.Index(valuesPath, i);
            var value = values[i];
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(valuePath, "must not be blank");
            }
            else if (match.Type == "keyword" && value.Length > Limits.MaxKeywordLength)
            {
                errors.Add(valuePath, $"must be at most {Limits.MaxKeywordLength} characters");
            }
            else if (match.Type == "number" && !IsNumber(value))
            {
                errors.Add(valuePath, "must be a number, e.g. \"1\" or \"2.5\"");
            }
            else if (match.Type == "regex")
            {
                CheckRegex(value, valuePath, errors);
            }
        }
    }

    private static void CheckRegex(string pattern, string path, ValidationErrors errors)
    {
        if (pattern.Length > Limits.MaxRegexLength)
        {
            errors.Add(path, $"must be at most {Limits.MaxRegexLength} characters");
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Limits.RegexTimeout);
        }
        catch (ArgumentException error)
        {
            errors.Add(path, $"is not a valid regular expression: {error.Message}");
        }
    }

    private static void ValidateUpdateContact(UpdateContactStep update, string path, ValidationErrors errors)
    {
        var shorthand = update.Field is not null || update.Value is not null;
        if (update.Updates is null && !shorthand)
        {
            errors.Add(path, "needs updates, or the shorthand field + value");
            return;
        }

        if (update.Updates is { } updates)
        {
            var updatesPath = ValidationErrors.Join(path, "updates");
            if (shorthand)
            {
                errors.Add(ValidationErrors.Join(path, update.Field is not null ? "field" : "value"),
                    "is not allowed together with updates: use one or the other");
            }

            CheckItems(updates, updatesPath, "updates", 1, Limits.MaxUpdates, errors, (item, itemPath) =>
            {
                CheckFieldName(item.Field, ValidationErrors.Join(itemPath, "field"), required: true, errors);
                CheckOneOf(item.WriteMode, ValidationErrors.Join(itemPath, "write_mode"), errors, "overwrite",
                    "skip_if_filled");
            });
            return;
        }

        CheckFieldName(update.Field, ValidationErrors.Join(path, "field"), required: true, errors);
    }

    private static void ValidateSplit(SplitStep split, string path, ValidationErrors errors)
    {
        CheckItems(split.Branches ?? [], ValidationErrors.Join(path, "branches"), "branches", 1, Limits.MaxBranches,
            errors, (branch, branchPath) =>
                CheckRange(branch.Percent, 0, 100, ValidationErrors.Join(branchPath, "percent"), errors));
    }

    private static void ValidateWebhook(SendWebhookStep webhook, string path, ValidationErrors errors)
    {
        CheckUrl(webhook.EndpointUrl, ValidationErrors.Join(path, "endpoint_url"), errors);
        CheckOneOf(webhook.Method, ValidationErrors.Join(path, "method"), errors, "post", "put", "get");
        CheckOneOf(webhook.AuthType, ValidationErrors.Join(path, "auth_type"), errors, "none", "jwt");
        CheckOneOf(webhook.OnFailure, ValidationErrors.Join(path, "on_failure"), errors, "continue", "fail");
        CheckText(webhook.Token, ValidationErrors.Join(path, "token"), Limits.MaxTokenLength, errors,
            allowBlank: false);
        if (webhook.SecretRef is not null && !FieldNamePattern().IsMatch(webhook.SecretRef))
        {
            errors.Add(ValidationErrors.Join(path, "secret_ref"), "must name a secret: ^[a-z][a-z0-9_]{0,62}$");
        }

        if (webhook.AuthType == "jwt")
        {
            if ((webhook.Token is null) == (webhook.SecretRef is null))
            {
                errors.Add(ValidationErrors.Join(path, "auth_type"),
                    "jwt needs exactly one of token (sent as a bearer token) or secret_ref (signs an HS256 JWT)");
            }
        }
        else
        {
            foreach (var (member, value) in new[] { ("token", webhook.Token), ("secret_ref", webhook.SecretRef) })
            {
                if (value is not null)
                {
                    errors.Add(ValidationErrors.Join(path, member), "is only used with auth_type jwt");
                }
            }
        }

        foreach (var (name, _) in webhook.CustomFields ?? [])
        {
            if (ReservedWebhookMembers.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(ValidationErrors.Join(ValidationErrors.Join(path, "custom_fields"), name),
                    "is a member of every webhook payload and cannot be overridden");
            }
        }
    }

    private static void ValidateCreatePage(CreatePageStep page, string path, ValidationErrors errors)
    {
        CheckOneOf(page.Source, ValidationErrors.Join(path, "source"), errors, "scratch", "template");
        var templatePath = ValidationErrors.Join(path, "template_id");
        if (page.Source == "template" && page.TemplateId is null)
        {
            errors.Add(templatePath, "is required with source template");
        }
        else if (page.Source != "template" && page.TemplateId is not null)
        {
            errors.Add(templatePath, "is only used with source template");
        }

        CheckText(page.Prompt, ValidationErrors.Join(path, "prompt"), Limits.MaxLongText, errors);
        CheckText(page.PageName, ValidationErrors.Join(path, "page_name"), MaxNameLength, errors);
        CheckText(page.CustomPageAlias, ValidationErrors.Join(path, "custom_page_alias"), MaxStepIdLength, errors,
            allowBlank: false);
        CheckRange(page.PageTtlDays, 1, CreatePageStep.MaxPageTtlDays, ValidationErrors.Join(path, "page_ttl_days"),
            errors);
    }

    private static void CheckUrl(string? url, string path, ValidationErrors errors)
    {
        if (url is null)
        {
            return;
        }

        if (url.Length > PublicUrl.MaxLength)
        {
            errors.Add(path, $"must be at most {PublicUrl.MaxLength} characters");
        }
        else if (!PublicUrl.IsHttpUrl(url, out _))
        {
            errors.Add(path, "must be an absolute http or https URL");
        }
    }
}
