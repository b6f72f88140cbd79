using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Runnel.Core.Errors;

namespace Runnel.Core.Rules;

/// <summary>Checks a rule tree's meaning and limits, reporting each problem with its path (API.md §6).</summary>
public static partial class RuleValidator
{
    public const int MaxDepth = 10;
    public const int MaxLeaves = 100;

    /// <summary>
    /// Day counts stop at 100 years: that covers any real window and keeps <c>now - days</c> in range.
    /// </summary>
    public const int MaxDays = 36_500;

    public const int MaxMinCount = 1_000_000;
    public const int MaxInValues = 1000;
    public const int MaxWhereFilters = 20;
    public const int MaxNameLength = 255;

    public static void Validate(RuleNode node, string path, RuleScope scope, ValidationErrors errors)
    {
        var leaves = 0;
        Walk(node, path, 1, scope, errors, ref leaves);
        if (leaves > MaxLeaves)
        {
            errors.Add(path, $"a rule tree has at most {MaxLeaves} leaves (this one has {leaves})");
        }
    }

    private static void Walk(RuleNode node, string path, int depth, RuleScope scope, ValidationErrors errors,
        ref int leaves)
    {
        if (depth > MaxDepth)
        {
            errors.Add(path, $"rule trees nest at most {MaxDepth} deep");
            return;
        }

        switch (node)
        {
            case AllRule all:
                WalkGroup(all.Nodes, $"{path}.all", depth, scope, errors, ref leaves);
                break;
            case AnyRule any:
                WalkGroup(any.Nodes, $"{path}.any", depth, scope, errors, ref leaves);
                break;
            case NotRule not:
                Walk(not.Node, $"{path}.not", depth + 1, scope, errors, ref leaves);
                break;
            case ContextFieldRule or EmailStepRule when scope != RuleScope.Flow:
                leaves++;
                errors.Add($"{path}.source", "context and email_step conditions are only allowed inside flows");
                break;
            default:
                leaves++;
                CheckLeaf(node, path, errors);
                break;
        }
    }

    private static void WalkGroup(IReadOnlyList<RuleNode> nodes, string path, int depth, RuleScope scope,
        ValidationErrors errors, ref int leaves)
    {
        if (nodes.Count == 0)
        {
            errors.Add(path, "a group needs at least one condition");
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            Walk(nodes[i], $"{path}[{i}]", depth + 1, scope, errors, ref leaves);
        }
    }

    private static void CheckLeaf(RuleNode leaf, string path, ValidationErrors errors)
    {
        switch (leaf)
        {
            case ContactFieldRule c:
                if (!FieldNamePattern().IsMatch(c.Field))
                {
                    errors.Add($"{path}.field",
                        "must be a standard field's JSON name or a custom field's api_name (a-z, 0-9, _)");
                }

                CheckFieldCondition(c.Operator, c.Value, path, errors);
                break;
            case ContextFieldRule c:
                CheckPropertyPath(c.Field, $"{path}.field", errors);
                CheckFieldCondition(c.Operator, c.Value, path, errors);
                break;
            case ListRule l:
                if (l.ListId == Guid.Empty)
                {
                    errors.Add($"{path}.list_id", "must be a list id (UUID)");
                }

                CheckOperator(l.Operator, RuleOperators.List, path, errors);
                break;
            case EventRule e:
                CheckEvent(e, path, errors);
                break;
            case EmailStepRule s:
                if (!StepIdPattern().IsMatch(s.StepId))
                {
                    errors.Add($"{path}.step_id", "must be 1-120 characters of A-Z a-z 0-9 _ . : -");
                }

                CheckOperator(s.Operator, RuleOperators.EmailStep, path, errors);
                break;
        }
    }

    private static void CheckEvent(EventRule e, string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(e.Name) || e.Name.Length > MaxNameLength)
        {
            errors.Add($"{path}.name", $"must be the event name, at most {MaxNameLength} characters");
        }

        CheckOperator(e.Operator, RuleOperators.Event, path, errors);
        if (e.WithinDays is < 1 or > MaxDays)
        {
            errors.Add($"{path}.within_days", $"must be a whole number from 1 to {MaxDays}");
        }

        if (e.MinCount is < 1 or > MaxMinCount)
        {
            errors.Add($"{path}.min_count", $"must be a whole number from 1 to {MaxMinCount}");
        }

        if (e.Where is not { } where)
        {
            return;
        }

        if (where.Count > MaxWhereFilters)
        {
            errors.Add($"{path}.where", $"at most {MaxWhereFilters} property filters");
        }

        for (var i = 0; i < where.Count; i++)
        {
            var filterPath = $"{path}.where[{i}]";
            CheckPropertyPath(where[i].Property, $"{filterPath}.property", errors);
            CheckFieldCondition(where[i].Operator, where[i].Value, filterPath, errors);
        }
    }

    private static bool CheckOperator(string op, IReadOnlySet<string> allowed, string path, ValidationErrors errors)
    {
        if (allowed.Contains(op))
        {
            return true;
        }

        errors.Add($"{path}.operator", $"must be one of: {string.Join(", ", allowed)}");
        return false;
    }

    /// <summary>Checks a field operator and that its value has the shape the operator needs.</summary>
    private static void CheckFieldCondition(string op, JsonNode? value, string path, ValidationErrors errors)
    {
        if (!CheckOperator(op, RuleOperators.Field, path, errors))
        {
            return;
        }

        var valuePath = $"{path}.value";
        switch (op)
        {
            case RuleOperators.IsSet or RuleOperators.IsNotSet:
                if (value is not null)
                {
                    errors.Add(valuePath, $"{op} takes no value");
                }

                break;
            case RuleOperators.Eq or RuleOperators.Neq:
                if (!RuleValues.IsScalar(value))
                {
                    errors.Add(valuePath, "must be a string, number or boolean");
                }

                break;
            case RuleOperators.Gt or RuleOperators.Gte or RuleOperators.Lt or RuleOperators.Lte:
                if (!RuleValues.IsScalar(value) || RuleValues.IsBoolean(value))
                {
                    errors.Add(valuePath, "must be a number, or a string such as a date");
                }

                break;
            case RuleOperators.Contains or RuleOperators.NotContains or RuleOperators.StartsWith
                or RuleOperators.EndsWith:
                if (string.IsNullOrEmpty(RuleValues.AsString(value)))
                {
                    errors.Add(valuePath, "must be a non-empty string");
                }

                break;
            case RuleOperators.In or RuleOperators.NotIn:
                CheckInValues(value, valuePath, errors);
                break;
            case RuleOperators.Before or RuleOperators.After:
                if (RuleValues.AsTemporal(value) is null)
                {
                    errors.Add(valuePath, "must be a date (2026-12-01) or an RFC 3339 date-time with a zone");
                }

                break;
            default: // within_last_days, more_than_days_ago
                if (value is not JsonValue days || !RuleValues.IsNumber(days) || !days.TryGetValue<int>(out var n)
                    || n is < 1 or > MaxDays)
                {
                    errors.Add(valuePath, $"must be a whole number of days from 1 to {MaxDays}");
                }

                break;
        }
    }

    private static void CheckInValues(JsonNode? value, string path, ValidationErrors errors)
    {
        if (value is not JsonArray array || array.Count is 0 or > MaxInValues)
        {
            errors.Add(path, $"must be an array of 1 to {MaxInValues} strings, numbers or booleans");
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (!RuleValues.IsScalar(array[i]))
            {
                errors.Add($"{path}[{i}]", "must be a string, number or boolean");
            }
        }
    }

    /// <summary>Context fields and event properties are dotted paths into client JSON (<c>cart.total</c>).</summary>
    private static void CheckPropertyPath(string value, string path, ValidationErrors errors)
    {
        if (value.Length is 0 or > MaxNameLength || value.Split('.').Any(s => s.Length == 0))
        {
            errors.Add(path, $"must be a property name or dotted path, at most {MaxNameLength} characters");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,120}$", RegexOptions.CultureInvariant)]
    private static partial Regex StepIdPattern();
}
