using Runnel.Core.Rules;

namespace Runnel.Core.Lists;
public sealed record AddListContactsRequest(List<string?>? ContactIds);
