using Runnel.Core.Rules;

namespace Runnel.Core.Lists;

public sealed record CreateListRequest(string? Name, string? Type, RuleNode? Rules);
