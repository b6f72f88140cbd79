using System.Reflection;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Tests.Runtime;

namespace Runnel.Core.Tests.Flows;

/// <summary>
/// Every step type in <see cref="StepTypes"/> either runs (the interpreter has an executor for it) or is refused at
/// activation — never both, never neither. A new type without an executor fails here until it is handled.
/// </summary>
public sealed class ExecutableStepTypesTests
{
    /// <summary>A minimal step of each type; a type missing here fails the test.</summary>
    private static readonly Dictionary<string, string> Minimal = new(StringComparer.Ordinal)
    {
        [StepTypes.SendEmail] = """ "email_id":"01935a6e-0000-7000-8000-0000000000ee" """,
        [StepTypes.SendSms] = """ "body":"Hi" """,
        [StepTypes.Wait] = """ "duration_amount":1,"duration_unit":"minutes" """,
        [StepTypes.WaitForReply] = """ "timeout_minutes":5 """,
        [StepTypes.UpdateContact] = """ "field":"first_name","value":"Ada" """,
        [StepTypes.AddToList] = """ "list_id":"01935a6e-0000-7000-8000-0000000000aa" """,
        [StepTypes.RemoveFromList] = """ "list_id":"01935a6e-0000-7000-8000-0000000000aa" """,
        [StepTypes.ConditionCheck] = "",
        [StepTypes.Split] = """ "branches":[{"percent":100}] """,
        [StepTypes.SendWebhook] = """ "endpoint_url":"https://example.com/hook" """,
        [StepTypes.CreatePage] = """ "source":"scratch","prompt":"Hi" """,
        [StepTypes.DropFromFlow] = "",
    };

    public static TheoryData<string> AllTypes()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(StepTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f is { IsLiteral: true, FieldType.Name: nameof(String) }))
        {
            data.Add((string)field.GetValue(null)!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public async Task Each_step_type_is_executed_or_refused_at_activation(string type)
    {
        Assert.True(Minimal.TryGetValue(type, out var config), $"Add a minimal '{type}' step to this test.");
        var options = string.IsNullOrWhiteSpace(config) ? "" : "," + config.Trim();
        var definition = InterpreterFixture.Definition(
            $$"""{"triggers":[{"type":"api"}],"steps":[{"step_id":"s","type":"{{type}}"{{options}}}]}""");
        var refused = (await ActivationChecks.CheckAsync(definition, new NothingCatalog()))
            .Any(p => p.Path == "steps[0].type");

        var fixture = new InterpreterFixture();
        var contact = InterpreterFixture.Contact();
        var result = fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact,
            InterpreterFixture.Start);
        var unexecuted = result.Member.Failure?.Error.Contains("cannot run on this server", StringComparison.Ordinal)
                         == true;

        if (ExecutableStepTypes.CanExecute(type))
        {
            Assert.False(refused, $"'{type}' is executable, yet activation refuses it.");
            Assert.False(unexecuted, $"'{type}' is listed as executable but the interpreter has no executor for it.");
        }
        else
        {
            Assert.True(refused, $"'{type}' cannot be executed, yet activation lets it through.");
            Assert.Equal(MemberStatus.Failed, result.Member.Status);
        }
    }

    [Fact]
    public void The_registry_names_only_real_step_types()
    {
        var all = typeof(StepTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(all, ExecutableStepTypes.All.ToHashSet(StringComparer.Ordinal));
    }

    private sealed class NothingCatalog : IActivationCatalog
    {
        public Task<ListKind?> FindListAsync(Guid listId) =>
            Task.FromResult<ListKind?>(ListKind.Static);

        public Task<CustomFieldInfo?> FindCustomFieldAsync(string apiName) =>
            Task.FromResult<CustomFieldInfo?>(null);

        public Task<bool> SecretExistsAsync(string name) =>
            Task.FromResult<bool>(true);

        public Task<bool> FormExistsAsync(Guid formId) =>
            Task.FromResult<bool>(true);

        public Task<bool> PageShowsFormAsync(Guid pageId, Guid formId) =>
            Task.FromResult<bool>(true);

        public Task<bool> TemplateExistsAsync(Guid templateId) =>
            Task.FromResult<bool>(true);

        public Task<bool> HasSmsSenderAsync() =>
            Task.FromResult<bool>(true);

        public Task<EmailState?> FindEmailAsync(Guid emailId) =>
            Task.FromResult<EmailState?>(EmailState.Approved);
    }
}
