using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Runnel.Core.Errors;
using Runnel.Core.Rules;
using Runnel.Core.Time;

namespace Runnel.Core.Flows;

/// <summary>
/// Format validation of flow writes (API.md §8.3): types, shapes, lengths and enum values, every problem with its
/// path. Pure; completeness (edges, references, emails) is <see cref="ActivationChecks"/>' job at activation.
/// </summary>
public static partial class FlowValidator
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxStepIdLength = 120;
    public const int MaxLabelLength = 200;

    /// <summary>API.md §8.1: the builder's <c>ui</c> object holds at most 64 KiB.</summary>
    public const int MaxUiBytes = 64 * 1024;

    // Far above any hand-built journey, low enough that the reachability and cycle walks stay trivially cheap.
    public const int MaxSteps = 1000;

    private static readonly string[] FieldOperatorNames =
    [
        "eq", "neq", "gt", "gte", "lt", "lte", "contains", "not_contains", "starts_with", "ends_with", "in", "not_in",
        "is_set", "is_not_set", "before", "after", "within_last_days", "more_than_days_ago",
    ];

    private static readonly HashSet<string> FieldOperators = new(FieldOperatorNames, StringComparer.Ordinal);

    public static void ValidateName(string? name, string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(path, "is required");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(path, $"must be at most {MaxNameLength} characters");
        }
    }

    /// <summary>The builder's <c>ui</c> object: any JSON object of at most <see cref="MaxUiBytes"/> bytes.</summary>
    public static void ValidateUi(JsonObject? ui, string path, ValidationErrors errors)
    {
        if (ui is not null && System.Text.Encoding.UTF8.GetByteCount(ui.ToJsonString()) > MaxUiBytes)
        {
            errors.Add(path, $"must be at most {MaxUiBytes / 1024} KiB of JSON");
        }
    }

    public static void ValidateDescription(string? description, string path, ValidationErrors errors)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            errors.Add(path, $"must be at most {MaxDescriptionLength} characters");
        }
    }

    /// <summary>Every part of a definition, under the member names of the flow object.</summary>
    public static void ValidateDefinition(FlowDefinition definition, ValidationErrors errors)
    {
        ValidateTriggers(definition.Triggers, "triggers", errors);
        ValidateSteps(definition.Steps, "steps", errors);
        ValidateEdge(definition.EntryStepId, "entry_step_id", errors);
        ValidateReentry(definition.ReentryPolicy, "reentry_policy", errors);
        ValidateRules(definition.DisqualificationRules, "disqualification_rules", errors);
        ValidateSettings(definition.Settings, "settings", errors);
    }

    public static void ValidateSteps(IReadOnlyList<FlowStep?> steps, string path, ValidationErrors errors) =>
        CheckItems(steps, path, "steps", 0, MaxSteps, errors, (step, stepPath) => ValidateStep(step, stepPath, errors));

    /// <summary>
    /// Two steps with one step_id is a conflict, not a format error: 409 <c>flow_duplicate_step_id</c> naming it.
    /// </summary>
    public static void ThrowIfDuplicateStepIds(IReadOnlyList<FlowStep> steps)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            if (!seen.TryAdd(steps[i].StepId, i))
            {
                var id = steps[i].StepId;
                throw new RunnelException(ErrorCodes.FlowDuplicateStepId,
                    $"step_id '{id}' is used more than once (steps[{seen[id]}] and steps[{i}])",
                    extensions: new Dictionary<string, object?> { ["step_id"] = id });
            }
        }
    }

    public static void ValidateReentry(ReentryPolicy? policy, string path, ValidationErrors errors)
    {
        if (policy is null)
        {
            return;
        }

        var cooldownPath = ValidationErrors.Join(path, "cooldown_minutes");
        switch (policy.Mode)
        {
            case ReentryPolicy.AfterCooldown:
                if (policy.CooldownMinutes is null)
                {
                    errors.Add(cooldownPath, "is required with mode after_cooldown");
                }
                else
                {
                    CheckRange(policy.CooldownMinutes, 1, Limits.MaxMinutes, cooldownPath, errors);
                }

                break;
            case ReentryPolicy.NoReentry or ReentryPolicy.AfterExit:
                if (policy.CooldownMinutes is not null)
                {
                    errors.Add(cooldownPath, "is only allowed with mode after_cooldown");
                }

                break;
            default:
                errors.Add(ValidationErrors.Join(path, "mode"),
                    "must be one of: no_reentry, after_exit, after_cooldown");
                break;
        }
    }

    public static void ValidateSettings(FlowSettings? settings, string path, ValidationErrors errors)
    {
        if (settings is null)
        {
            return;
        }

        CheckRange(settings.SessionTtlMinutes, 1, Limits.MaxMinutes, ValidationErrors.Join(path, "session_ttl_minutes"),
            errors);
        if (settings.Timezone is not null && !TimeZones.IsValid(settings.Timezone))
        {
            errors.Add(ValidationErrors.Join(path, "timezone"), "must be an IANA time zone name, e.g. Europe/London");
        }

        if (settings.QuietHours is { } quiet)
        {
            ValidateQuietHours(quiet, ValidationErrors.Join(path, "quiet_hours"), errors);
        }
    }

    /// <summary>A quiet window: both ends as "HH:MM", different from each other (flows and workspace settings).</summary>
    public static void ValidateQuietHours(QuietHours quiet, string path, ValidationErrors errors)
    {
        CheckClock(quiet.Start, ValidationErrors.Join(path, "start"), required: true, errors);
        CheckClock(quiet.End, ValidationErrors.Join(path, "end"), required: true, errors);
        if (quiet.Start is not null && quiet.Start == quiet.End)
        {
            errors.Add(ValidationErrors.Join(path, "end"), "must differ from start");
        }
    }

    public static void ValidateRules(RuleNode? rules, string path, ValidationErrors errors)
    {
        if (rules is not null)
        {
            RuleValidator.Validate(rules, path, RuleScope.Flow, errors);
        }
    }

    /// <summary>A reference to a step (an edge or entry_step_id): absent, or a well-formed step_id.</summary>
    public static void ValidateEdge(string? target, string path, ValidationErrors errors)
    {
        if (target is not null && !IsStepId(target))
        {
            errors.Add(path, StepIdRule);
        }
    }

    public static bool IsStepId(string? id) =>
        id is { Length: > 0 and <= MaxStepIdLength } && StepIdPattern().IsMatch(id);

    private const string StepIdRule = "must be 1 to 120 characters of A-Z, a-z, 0-9, '_', '.', ':' and '-'";

    /// <summary>A standard field's JSON name or a custom field's api_name.</summary>
    private static void CheckFieldName(string? field, string path, bool required, ValidationErrors errors)
    {
        if (field is null)
        {
            if (required)
            {
                errors.Add(path, "is required");
            }
        }
        else if (!FieldNamePattern().IsMatch(field))
        {
            errors.Add(path, "must be a contact field name such as first_name or an api_name such as plan");
        }
    }

    private static void CheckText(string? text, string path, int max, ValidationErrors errors, bool allowBlank = true)
    {
        if (text is null)
        {
            return;
        }

        if (!allowBlank && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, "must not be blank");
        }
        else if (text.Length > max)
        {
            errors.Add(path, $"must be at most {max} characters");
        }
    }

    private static void CheckRange(int? value, int min, int max, string path, ValidationErrors errors)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(path, $"must be a whole number from {min} to {max}");
        }
    }

    private static void CheckOneOf(string? value, string path, ValidationErrors errors, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(path, $"must be one of: {string.Join(", ", allowed)}");
        }
    }

    private static void CheckClock(string? value, string path, bool required, ValidationErrors errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(path, "is required");
            }
        }
        else if (!ClockPattern().IsMatch(value))
        {
            errors.Add(path, "must be a time of day as \"HH:MM\" (00:00 to 23:59)");
        }
    }

    private static void CheckTimezone(string? value, string path, ValidationErrors errors)
    {
        if (value is not null && !TimeZones.IsValid(value))
        {
            errors.Add(path, "must be an IANA time zone name, e.g. Europe/London");
        }
    }

    /// <summary>
    /// An operator and the value it tests (contact_updated triggers, event property filters): the operator must be a
    /// field operator (or one of <paramref name="extra"/>), and the value must have the shape the operator needs.
    /// </summary>
    private static void CheckOperatorAndValue(string? op, JsonNode? value, string path, bool operatorRequired,
        ValidationErrors errors, params string[] extra)
    {
        var opPath = ValidationErrors.Join(path, "operator");
        var valuePath = ValidationErrors.Join(path, "value");
        if (op is null)
        {
            if (operatorRequired)
            {
                errors.Add(opPath, "is required");
            }
            else if (value is not null)
            {
                errors.Add(opPath, "is required when value is given");
            }

            return;
        }

        if (!FieldOperators.Contains(op) && !extra.Contains(op, StringComparer.Ordinal))
        {
            errors.Add(opPath, $"must be one of: {string.Join(", ", FieldOperatorNames.Concat(extra))}");
            return;
        }

        switch (op)
        {
            case "is_set" or "is_not_set" or "changed":
                if (value is not null)
                {
                    errors.Add(valuePath, $"is not used with operator {op}");
                }

                break;
            case "in" or "not_in":
                if (value is not JsonArray)
                {
                    errors.Add(valuePath, $"must be an array with operator {op}");
                }

                break;
            case "within_last_days" or "more_than_days_ago":
                if (value is not JsonValue number || !number.TryGetValue<int>(out var days) || days < 0)
                {
                    errors.Add(valuePath, $"must be a whole number of days with operator {op}");
                }

                break;
            default:
                if (value is null)
                {
                    errors.Add(valuePath, $"is required with operator {op}");
                }
                else if (value is JsonObject or JsonArray)
                {
                    errors.Add(valuePath, $"must be a string, number or boolean with operator {op}");
                }

                break;
        }
    }

    /// <summary>
    /// A list of objects: its size (at least one unless <paramref name="min"/> is 0, at most <paramref name="max"/>),
    /// null items, and <paramref name="check"/> on each item at its index path.
    /// </summary>
    private static void CheckItems<T>(IReadOnlyList<T?> items, string path, string plural, int min, int max,
        ValidationErrors errors, Action<T, string> check)
        where T : class
    {
        if (items.Count < min)
        {
            errors.Add(path, "must not be empty");
        }
        else if (items.Count > max)
        {
            errors.Add(path, $"at most {max} {plural}");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = ValidationErrors.Index(path, i);
            if (items[i] is { } item)
            {
                check(item, itemPath);
            }
            else
            {
                errors.Add(itemPath, "must not be null");
            }
        }
    }

    private static bool IsNumber(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex StepIdPattern();

    /// <summary>Custom field api_names and secret names share this form (API.md §2, §3).</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNamePattern();

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();

    [GeneratedRegex("^([01][0-9]|2[0-3]):(00|30)$", RegexOptions.CultureInvariant)]
    private static partial Regex HalfHourPattern();

    /// <summary>Upper bounds that keep every computed due time far inside what a timestamp can hold.</summary>
    private static class Limits
    {
        /// <summary>Ten years in minutes: the longest wait, cooldown, timeout or session a flow may ask for.</summary>
        public const int MaxMinutes = 10 * 366 * 24 * 60;

        public const int MaxOffsetDays = 3660;
        public const int MaxBranches = 50;
        public const int MaxValues = 100;
        public const int MaxUpdates = 50;
        public const int MaxKeywordLength = 160;

        /// <summary>Ten concatenated SMS segments of 160 GSM characters: what providers deliver as one message.</summary>
        public const int MaxSmsBodyLength = 1600;
        public const int MaxRegexLength = 500;
        public const int MaxLongText = 10_000;
        public const int MaxTokenLength = 4096;

        // A pattern with catastrophic backtracking must not stall the runner; matching is bounded by this too.
        public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    }
}
