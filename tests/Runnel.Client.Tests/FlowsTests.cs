using System.Text.Json.Nodes;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

[Collection(SharedServer.Name)]
public sealed class FlowsTests(ServerFixture fixture)
{
    private readonly RunnelClient _client = fixture.Client;

    [Fact]
    public async Task A_flow_is_created_read_changed_and_deleted()
    {
        var created = await _client.Flows.CreateAsync(TestData.WaitingFlow("Welcome series"));
        Assert.Equal(FlowStatuses.Draft, created.Status);
        Assert.Equal("pause", Assert.Single(created.Steps).StepId);
        Assert.Equal(TriggerTypes.Api, Assert.Single(created.Triggers).Type);
        Assert.Equal(ReentryModes.AfterExit, created.ReentryPolicy.Mode);
        Assert.Equal(0, created.Stats.TotalEntered);

        var fetched = await _client.Flows.GetAsync(created.Id);
        Assert.Equal(created.Id, fetched.Id);
        Assert.Equal(1, fetched.Steps[0].DurationAmount);
        Assert.Equal(DurationUnits.Days, fetched.Steps[0].DurationUnit);

        var updated = await _client.Flows.UpdateAsync(created.Id, new UpdateFlowRequest
        {
            Description = "For new sign-ups",
            Settings = new FlowSettings { SessionTtlMinutes = 90 },
        });
        Assert.Equal("For new sign-ups", updated.Description);
        Assert.Equal("Welcome series", updated.Name);
        Assert.Equal(90, updated.Settings.SessionTtlMinutes);
        Assert.Equal(true, updated.Settings.ExitOnUnsubscribe);
        Assert.Null(updated.Ui);

        var layout = new JsonObject { ["positions"] = new JsonObject { ["pause"] = new JsonObject { ["x"] = 40, ["y"] = 80 } } };
        var placed = await _client.Flows.UpdateAsync(created.Id, new UpdateFlowRequest { Ui = layout });
        Assert.True(JsonNode.DeepEquals(layout, placed.Ui));
        Assert.True(JsonNode.DeepEquals(layout, (await _client.Flows.GetAsync(created.Id)).Ui));

        var deleted = await _client.Flows.DeleteAsync(created.Id);
        Assert.True(deleted.Deleted);
        Assert.Equal(created.Id, deleted.FlowId);
        var gone = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Flows.GetAsync(created.Id));
        Assert.Equal(RunnelErrorCodes.FlowNotFound, gone.ErrorCode);
    }

    [Fact]
    public async Task Steps_are_replaced_inserted_changed_deleted_and_given_an_email()
    {
        var flow = await _client.Flows.CreateAsync(TestData.WaitingFlow());

        var replaced = await _client.Flows.Steps.ReplaceAsync(flow.Id,
        [
            new FlowStep { StepId = "first", Type = StepTypes.Wait, DurationAmount = 2, DurationUnit = DurationUnits.Hours, NextStepId = "last" },
            new FlowStep { StepId = "last", Type = StepTypes.DropFromFlow },
        ]);
        Assert.Equal(["first", "last"], replaced.Steps.Select(s => s.StepId));

        var inserted = await _client.Flows.Steps.InsertAsync(flow.Id, new InsertStepRequest
        {
            Step = new FlowStep { StepId = "hello", Type = StepTypes.SendEmail },
            Position = StepPositions.Start,
        });
        Assert.Equal(["hello", "first", "last"], inserted.Steps.Select(s => s.StepId));

        var changed = await _client.Flows.Steps.UpdateAsync(flow.Id, "first",
            new JsonObject { ["duration_amount"] = 5, ["label"] = "Give them time" });
        var first = changed.Steps.Single(s => s.StepId == "first");
        Assert.Equal(5, first.DurationAmount);
        Assert.Equal("Give them time", first.Label);
        Assert.Equal(DurationUnits.Hours, first.DurationUnit);

        var withEmail = await _client.Flows.Steps.SetEmailAsync(flow.Id, "hello", new SetStepEmailRequest
        {
            Source = EmailSources.Html,
            Subject = "Welcome, {{ contact.first_name }}",
            Html = "<p>Hello</p>",
        });
        var emailId = withEmail.Steps.Single(s => s.StepId == "hello").EmailId;
        Assert.False(string.IsNullOrEmpty(emailId));
        var email = await _client.Emails.GetAsync(emailId!);
        Assert.Equal(EmailStatuses.Draft, email.Status);

        var afterDelete = await _client.Flows.Steps.DeleteAsync(flow.Id, "last");
        Assert.Equal(["hello", "first"], afterDelete.Steps.Select(s => s.StepId));
    }

    [Fact]
    public async Task A_flow_is_activated_paused_and_archived()
    {
        var flow = await _client.Flows.CreateAsync(TestData.WaitingFlow());
        var validation = await _client.Flows.ValidateAsync(flow.Id);
        Assert.True(validation.Ready);
        Assert.Empty(validation.Missing);
        var active = await _client.Flows.ActivateAsync(flow.Id);
        Assert.Equal(FlowStatuses.Active, active.Status);
        Assert.Equal(1, active.Version);
        Assert.NotNull(active.ActivatedAt);

        var paused = await _client.Flows.PauseAsync(flow.Id);
        Assert.Equal(FlowStatuses.Paused, paused.Status);

        var archived = await _client.Flows.ArchiveAsync(flow.Id);
        Assert.Equal(FlowStatuses.Archived, archived.Status);
    }

    [Fact]
    public async Task Trigger_starts_once_then_answers_already_running_and_passes_context_keys_untouched()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(_client);
        var email = TestData.Email();

        var started = await _client.Flows.TriggerAsync(new TriggerRequest
        {
            FlowId = flow.Id,
            Email = email,
            Contact = new UpdateContactRequest { FirstName = "Ada" },
            Context = TestData.Context(),
        });
        Assert.Equal(TriggerStatuses.Started, started.Status);
        Assert.Equal(flow.Id, started.FlowId);
        Assert.Equal(flow.Name, started.FlowName);
        Assert.Null(started.Reason);

        var again = await _client.Flows.TriggerAsync(new TriggerRequest { FlowId = flow.Id, Email = email });
        Assert.Equal(TriggerStatuses.AlreadyRunning, again.Status);
        Assert.Equal(started.Id, again.Id);

        var member = await _client.Flows.Members.GetAsync(flow.Id, started.Id!);
        Assert.Equal("987", member.Context["cartId"]!.GetValue<string>());
        Assert.Equal(12.5, member.Context["Total_EUR"]!.GetValue<double>());
        Assert.Equal(2, member.Context["items"]!.AsArray().Count);
        Assert.Equal(MemberStatuses.Waiting, member.Status);
        Assert.Equal("pause", member.CurrentStepId);
        Assert.Contains(member.Timeline!, t => t.Type == "entered_flow");

        var contact = await _client.Contacts.GetAsync(started.ContactId);
        Assert.Equal("Ada", contact.FirstName);
    }

    [Fact]
    public async Task Enroll_takes_dynamic_context_and_members_are_listed_and_removed()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(_client);
        var contact = await _client.Contacts.UpsertAsync(new UpsertContactRequest { Email = TestData.Email() });

        var member = await _client.Flows.EnrollAsync(flow.Id, contact.ContactId,
            new EnrollRequest { DynamicContext = new JsonObject { ["coupon_code"] = "SAVE20", ["camelKey"] = true } });
        Assert.Equal(contact.ContactId, member.ContactId);
        Assert.Equal("SAVE20", member.DynamicContext["coupon_code"]!.GetValue<string>());
        Assert.True(member.DynamicContext["camelKey"]!.GetValue<bool>());

        var twice = await Assert.ThrowsAsync<RunnelApiException>(() =>
            _client.Flows.EnrollAsync(flow.Id, contact.ContactId));
        Assert.Equal(RunnelErrorCodes.FlowAlreadyInFlow, twice.ErrorCode);

        var waiting = await _client.Flows.Members.ListAsync(flow.Id, new ListMembersRequest { Status = MemberStatuses.Waiting });
        Assert.Equal(member.Id, Assert.Single(waiting.Items).Id);
        Assert.Null(waiting.Items[0].Timeline);

        var removed = await _client.Flows.Members.RemoveAsync(flow.Id, member.Id);
        Assert.Equal(MemberStatuses.Dropped, removed.Status);
        Assert.Equal(ExitReasons.Removed, removed.ExitReason);

        var all = new List<FlowMember>();
        await foreach (var m in _client.Flows.Members.ListAllAsync(flow.Id))
        {
            all.Add(m);
        }

        Assert.Equal(MemberStatuses.Dropped, Assert.Single(all).Status);
        var memberships = await _client.Contacts.MembershipsAsync(contact.ContactId);
        Assert.Equal(member.Id, Assert.Single(memberships.Items).Id);
    }

    [Fact]
    public async Task ListAllAsync_walks_every_page()
    {
        var prefix = TestData.Unique("paged");
        foreach (var i in Enumerable.Range(1, 7))
        {
            await _client.Flows.CreateAsync(new CreateFlowRequest { Name = $"{prefix} {i}" });
        }

        var recording = new RecordingHandler();
        using var client = new RunnelClient(new HttpClient(recording), fixture.Server.Options());
        var request = new ListFlowsRequest { Status = FlowStatuses.Any, Search = prefix, Limit = 2 };

        var names = new List<string>();
        await foreach (var flow in client.Flows.ListAllAsync(request))
        {
            names.Add(flow.Name);
        }

        Assert.Equal(7, names.Count);
        Assert.Equal(7, names.Distinct().Count());
        Assert.Equal(4, recording.Exchanges.Count);
        Assert.Contains("page=4", recording.Exchanges[^1].PathAndQuery, StringComparison.Ordinal);

        var second = await client.Flows.ListAsync(new ListFlowsRequest { Search = prefix, Limit = 3, Page = 2 });
        Assert.Equal(3, second.Items.Count);
        Assert.Equal(7, second.Pagination.Total);
        Assert.Equal(3, second.Pagination.TotalPages);
        Assert.True(second.HasMore);
    }
}
