using Microsoft.Extensions.Time.Testing;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Events;
using Runnel.Core.Json;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>The contact and event services' in-session entry points, which other features call in their own writes.</summary>
public abstract class ContactServiceStoreCompliance : StoreTestBase
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly ContactService _contacts;
    private readonly EventService _events;
    private readonly Workspace _workspace;

    protected ContactServiceStoreCompliance(StoreBackend backend)
        : base(backend)
    {
        _contacts = new ContactService(Store, _clock);
        _events = new EventService(Store, _clock, _contacts);
        var now = _clock.GetUtcNow();
        _workspace = new Workspace(Guid.CreateVersion7(), "w", "Europe/Berlin", null, null, null, null, false, now, now);
        Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(_workspace);
            return true;
        }).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Create_defaults_apply_only_when_the_upsert_creates_the_contact()
    {
        var now = _clock.GetUtcNow();
        var input = new ContactUpsert
        {
            Phone = new Optional<string?>("+1 415 555 0123"),
            FirstName = new Optional<string?>("Ada"),
            CreateDefaults = new ContactChanges
            {
                SmsSubscriptionStatus = new Optional<string?>("subscribed"),
                FirstName = new Optional<string?>("ignored: the request names a first_name"),
            },
        };
        var created = await Store.WriteAsync(s => _contacts.UpsertInSessionAsync(s, _workspace.Id, input, now));
        Assert.True(created.Created);
        Assert.Null(created.Previous);
        Assert.Equal("+14155550123", created.Contact.Phone);
        Assert.Equal("Ada", created.Contact.FirstName);
        Assert.Equal("Europe/Berlin", created.Contact.Timezone);
        Assert.Equal(SubscriptionStatus.Subscribed, created.Contact.SmsSubscriptionStatus);
        Assert.Equal(now, created.Contact.OptedInAt);

        await _contacts.UpdateAsync(_workspace.Id, created.Contact.Id,
            new ContactChanges { SmsSubscriptionStatus = new Optional<string?>("unsubscribed") }, default);
        var later = now.AddHours(1);
        var matched = await Store.WriteAsync(s => _contacts.UpsertInSessionAsync(s, _workspace.Id, input, later));
        Assert.False(matched.Created);
        Assert.Equal(created.Contact.Id, matched.Contact.Id);
        Assert.Equal(SubscriptionStatus.Unsubscribed, matched.Contact.SmsSubscriptionStatus);
        Assert.Equal(SubscriptionStatus.Unsubscribed, matched.Previous!.SmsSubscriptionStatus);
    }

    [Fact]
    public async Task An_upsert_inside_a_failing_write_leaves_nothing_behind()
    {
        var now = _clock.GetUtcNow();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync<bool>(async s =>
        {
            await _contacts.UpsertInSessionAsync(s, _workspace.Id,
                new ContactUpsert { Email = new Optional<string?>("rolled@back.example") }, now);
            throw new InvalidOperationException("the caller's own write failed");
        }));
        var page = await _contacts.ListAsync(_workspace.Id, new ContactQuery(null, null, null, null),
            Core.Storage.PageRequest.Default, default);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task In_session_errors_are_domain_errors()
    {
        var now = _clock.GetUtcNow();
        var invalid = await Assert.ThrowsAsync<RunnelException>(() => Store.WriteAsync(async s =>
            await _contacts.UpsertInSessionAsync(s, _workspace.Id,
                new ContactUpsert { Phone = new Optional<string?>("555") }, now)));
        Assert.Equal(ErrorCodes.ValidationFailed, invalid.Code);
        var missing = await Assert.ThrowsAsync<RunnelException>(() => Store.WriteAsync(async s =>
            await _contacts.UpsertInSessionAsync(s, _workspace.Id,
                new ContactUpsert { ContactId = Guid.CreateVersion7().ToString() },
                now)));
        Assert.Equal(ErrorCodes.ContactNotFound, missing.Code);
    }

    [Fact]
    public async Task Recording_an_event_in_session_reports_the_contact_and_dedupes()
    {
        var now = _clock.GetUtcNow();
        var request = new RecordEventRequest("signed_up", null, "New@Example.com", null, null, null, null, "evt_1");
        var first = await Store.WriteAsync(s => _events.RecordInSessionAsync(s, _workspace.Id, request, now));
        Assert.False(first.Duplicate);
        Assert.True(first.Contact!.Created);
        Assert.Equal("new@example.com", first.Contact.Contact.Email);
        Assert.Equal("evt_1", first.Event!.EventId);
        Assert.Equal(now, first.Event.OccurredAt);

        var repeat = await Store.WriteAsync(s => _events.RecordInSessionAsync(s, _workspace.Id, request, now));
        Assert.True(repeat.Duplicate);
        Assert.Null(repeat.Event);
        var events = await _events.ListForContactAsync(_workspace.Id, first.Contact.Contact.Id,
            Core.Storage.PageRequest.Default, default);
        Assert.Equal(1, events.Total);
    }

    [Fact]
    public async Task Erasing_in_session_suppresses_the_addresses()
    {
        var now = _clock.GetUtcNow();
        var created = await _contacts.UpsertAsync(_workspace.Id,
            new ContactUpsert { Email = new Optional<string?>("x@example.com"), Phone = new Optional<string?>("+14155550100") },
            default);
        await Store.WriteAsync(async s =>
        {
            await ContactService.EraseInSessionAsync(s, _workspace.Id, created.Contact.Id, now);
            return true;
        });
        var (email, sms) = await Store.ReadAsync(async s => (
            await s.Suppressions.ContainsAsync(_workspace.Id, Suppressions.EmailChannel,
                Suppressions.Hash("x@example.com")),
            await s.Suppressions.ContainsAsync(_workspace.Id, Suppressions.SmsChannel,
                Suppressions.Hash("+14155550100"))));
        Assert.True(email);
        Assert.True(sms);
        Assert.Null(await Store.ReadAsync(s => s.Contacts.GetAsync(_workspace.Id, created.Contact.Id)));
    }
}
