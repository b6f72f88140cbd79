using Runnel.Core.Errors;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

// Format rules of each trigger type (API.md §8.2).
public static partial class FlowValidator
{
    private const int MaxKeywords = 50;

    public static void ValidateTriggers(IReadOnlyList<FlowTrigger?> triggers, string path, ValidationErrors errors) =>
        CheckItems(triggers, path, "triggers", 0, FlowDefinition.MaxTriggers, errors,
            (trigger, triggerPath) => ValidateTrigger(trigger, triggerPath, errors));

    private static void ValidateTrigger(FlowTrigger trigger, string path, ValidationErrors errors)
    {
        ValidateRules(trigger.Segment, ValidationErrors.Join(path, "segment"), errors);
        switch (trigger)
        {
            case ContactUpdatedTrigger updated:
                CheckFieldName(updated.Field, ValidationErrors.Join(path, "field"), required: false, errors);
                CheckOperatorAndValue(updated.Operator, updated.Value, path, operatorRequired: false, errors,
                    "changed");
                break;
            case DateBasedTrigger date:
                ValidateDateTrigger(date, path, errors);
                break;
            case EventTrigger e:
                CheckText(e.Name, ValidationErrors.Join(path, "name"), MaxNameLength, errors, allowBlank: false);
                ValidateWhere(e.Where, ValidationErrors.Join(path, "where"), errors);
                break;
            case InboundMessageTrigger inbound:
                ValidateKeywords(inbound.Keywords, ValidationErrors.Join(path, "keywords"), errors);
                break;
        }
    }

    private static void ValidateDateTrigger(DateBasedTrigger date, string path, ValidationErrors errors)
    {
        CheckFieldName(date.Field, ValidationErrors.Join(path, "field"), required: false, errors);
        var daysBeforePath = ValidationErrors.Join(path, "days_before");
        var daysAfterPath = ValidationErrors.Join(path, "days_after");
        switch (date.Mode)
        {
            case "on_date":
                break;
            case "before_date":
                if (date.DaysBefore is null)
                {
                    errors.Add(daysBeforePath, "is required with mode before_date");
                }

                break;
            case "after_date":
                if (date.DaysAfter is null)
                {
                    errors.Add(daysAfterPath, "is required with mode after_date");
                }

                break;
            case null:
                errors.Add(ValidationErrors.Join(path, "mode"), "is required: on_date, before_date or after_date");
                break;
            default:
                errors.Add(ValidationErrors.Join(path, "mode"), "must be one of: on_date, before_date, after_date");
                break;
        }

        if (date.DaysBefore is not null && date.Mode != "before_date")
        {
            errors.Add(daysBeforePath, "is only used with mode before_date");
        }

        if (date.DaysAfter is not null && date.Mode != "after_date")
        {
            errors.Add(daysAfterPath, "is only used with mode after_date");
        }

        CheckRange(date.DaysBefore, 1, Limits.MaxOffsetDays, daysBeforePath, errors);
        CheckRange(date.DaysAfter, 1, Limits.MaxOffsetDays, daysAfterPath, errors);
        if (date.TriggerTime is not null && !HalfHourPattern().IsMatch(date.TriggerTime))
        {
            errors.Add(ValidationErrors.Join(path, "trigger_time"), "must be \"HH:00\" or \"HH:30\", e.g. \"09:00\"");
        }

        CheckTimezone(date.Timezone, ValidationErrors.Join(path, "timezone"), errors);
    }

    private static void ValidateWhere(IReadOnlyList<PropertyFilter?>? filters, string path, ValidationErrors errors)
    {
        if (filters is null)
        {
            return;
        }

        CheckItems(filters, path, "filters", 0, Limits.MaxValues, errors, (filter, filterPath) =>
        {
            if (string.IsNullOrWhiteSpace(filter.Property))
            {
                errors.Add(ValidationErrors.Join(filterPath, "property"), "is required");
            }

            CheckOperatorAndValue(string.IsNullOrEmpty(filter.Operator) ? null : filter.Operator, filter.Value,
                filterPath, operatorRequired: true, errors);
        });
    }

    private static void ValidateKeywords(IReadOnlyList<string?>? keywords, string path, ValidationErrors errors)
    {
        if (keywords is null)
        {
            return;
        }

        if (keywords.Count == 0)
        {
            errors.Add(path, "needs at least one keyword");
        }
        else if (keywords.Count > MaxKeywords)
        {
            errors.Add(path, $"at most {MaxKeywords} keywords");
        }

        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i];
            if (string.IsNullOrWhiteSpace(keyword))
            {
                errors.Add(ValidationErrors.Index(path, i), "must not be blank");
            }
            else if (keyword.Length > Limits.MaxKeywordLength)
            {
                errors.Add(ValidationErrors.Index(path, i), $"must be at most {Limits.MaxKeywordLength} characters");
            }
        }
    }
}
