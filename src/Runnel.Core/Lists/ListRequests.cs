using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Lists;

public sealed record CreateListRequest(string? Name, string? Type, RuleNode? Rules);

public sealed record UpdateListRequest(Optional<string?> Name, Optional<string?> Type, Optional<RuleNode?> Rules);

public sealed record AddListContactsRequest(List<string?>? ContactIds);
