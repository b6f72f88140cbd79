using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Flows;
using Runnel.Core.Rules;

namespace Runnel.Core.Interpreter;
/// <summary>A static-list change a step makes.</summary>
public sealed record ListChange(Guid ListId, bool Add);
