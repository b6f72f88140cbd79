using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Rules;

namespace Runnel.Core.Interpreter;

// The inputs and outputs of one interpreter run, and the rule oracle it consults. They live together because they
// form one contract: the runner builds a RunInput from storage, the interpreter returns a RunResult, the runner
// commits it.

/// <summary>Evaluates rule trees for one member with facts the runner loaded beforehand (no I/O inside).</summary>
public interface IRuleOracle
{
    bool Evaluate(RuleNode rule, Contact contact, Member member, IReadOnlyList<ListChange> pendingListChanges);
}
