namespace Runnel.Core.Rules;

/// <summary>The operator names of API.md §6, per leaf source.</summary>
public static class RuleOperators
{
    public const string Eq = "eq";
    public const string Neq = "neq";
    public const string Gt = "gt";
    public const string Gte = "gte";
    public const string Lt = "lt";
    public const string Lte = "lte";
    public const string Contains = "contains";
    public const string NotContains = "not_contains";
    public const string StartsWith = "starts_with";
    public const string EndsWith = "ends_with";
    public const string In = "in";
    public const string NotIn = "not_in";
    public const string IsSet = "is_set";
    public const string IsNotSet = "is_not_set";
    public const string Before = "before";
    public const string After = "after";
    public const string WithinLastDays = "within_last_days";
    public const string MoreThanDaysAgo = "more_than_days_ago";

    public const string Performed = "performed";
    public const string NotPerformed = "not_performed";

    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Opened = "opened";
    public const string Clicked = "clicked";
    public const string Bounced = "bounced";
    public const string NotOpened = "not_opened";
    public const string NotClicked = "not_clicked";

    /// <summary>Operators of contact and context leaves and of event <c>where</c> filters.</summary>
    public static readonly IReadOnlySet<string> Field = new HashSet<string>(StringComparer.Ordinal)
    {
        Eq, Neq, Gt, Gte, Lt, Lte, Contains, NotContains, StartsWith, EndsWith, In, NotIn, IsSet, IsNotSet, Before,
        After, WithinLastDays, MoreThanDaysAgo,
    };

    public static readonly IReadOnlySet<string> List = new HashSet<string>(StringComparer.Ordinal) { In, NotIn };

    public static readonly IReadOnlySet<string> Event =
        new HashSet<string>(StringComparer.Ordinal) { Performed, NotPerformed };

    public static readonly IReadOnlySet<string> EmailStep = new HashSet<string>(StringComparer.Ordinal)
    {
        Sent, Delivered, Opened, Clicked, Bounced, NotOpened, NotClicked,
    };

    /// <summary>
    /// The operators that hold for a missing value: a value that is not there is unequal to anything.
    /// </summary>
    public static readonly IReadOnlySet<string> TrueWhenMissing =
        new HashSet<string>(StringComparer.Ordinal) { IsNotSet, Neq, NotContains, NotIn };
}
