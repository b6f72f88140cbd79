using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Lists;
public sealed record UpdateListRequest(Optional<string?> Name, Optional<string?> Type, Optional<RuleNode?> Rules);
