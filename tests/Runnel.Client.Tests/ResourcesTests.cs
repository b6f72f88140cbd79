using System.Net;
using System.Text.Json.Nodes;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

/// <summary>Custom fields, lists, emails, forms, API keys, settings and secrets, each through every method.</summary>
[Collection(SharedServer.Name)]
public sealed class ResourcesTests(ServerFixture fixture)
{
    private readonly RunnelClient _client = fixture.Client;

    [Fact]
    public async Task Custom_fields_are_created_listed_and_archived()
    {
        var name = TestData.Unique("score").Replace('-', '_');
        var created = await _client.CustomFields.CreateAsync(new CreateCustomFieldRequest
        {
            ApiName = name, Label = "Score", Type = CustomFieldTypes.Number,
        });
        Assert.Equal(CustomFieldTypes.Number, created.Type);
        Assert.Equal(CustomFieldStatuses.Active, created.Status);

        var page = await _client.CustomFields.ListAsync(new ListRequest { Limit = 100 });
        Assert.Contains(page.Items, f => f.ApiName == name);
        var all = new List<CustomField>();
        await foreach (var f in _client.CustomFields.ListAllAsync())
        {
            all.Add(f);
        }

        Assert.Contains(all, f => f.ApiName == name);

        var archived = await _client.CustomFields.UpdateAsync(name,
            new UpdateCustomFieldRequest { Label = "Old score", Status = CustomFieldStatuses.Archived });
        Assert.Equal("Old score", archived.Label);
        Assert.Equal(CustomFieldStatuses.Archived, archived.Status);
    }

    [Fact]
    public async Task Static_lists_hold_contacts_added_and_removed()
    {
        var list = await _client.Lists.CreateAsync(new CreateListRequest { Name = TestData.Unique("vip"), Type = ListTypes.Static });
        Assert.Equal(ListTypes.Static, list.Type);
        var a = await _client.Contacts.UpsertAsync(new UpsertContactRequest { Email = TestData.Email() });
        var b = await _client.Contacts.UpsertAsync(new UpsertContactRequest { Email = TestData.Email() });

        var added = await _client.Lists.AddContactsAsync(list.Id, [a.ContactId, b.ContactId]);
        Assert.Equal(2, added.Added);
        var repeat = await _client.Lists.AddContactsAsync(list.Id, [a.ContactId]);
        Assert.Equal(1, repeat.AlreadyPresent);

        Assert.Equal(2, (await _client.Lists.GetAsync(list.Id)).MemberCount);
        var members = await _client.Lists.ContactsAsync(list.Id, new ListRequest { Limit = 1 });
        Assert.Equal(2, members.Pagination.Total);
        Assert.Single(members.Items);

        await _client.Lists.RemoveContactAsync(list.Id, a.ContactId);
        var left = await _client.Lists.ContactsAsync(list.Id);
        Assert.Equal(b.ContactId, Assert.Single(left.Items).Id);
        var notMember = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Lists.RemoveContactAsync(list.Id, a.ContactId));
        Assert.Equal(HttpStatusCode.NotFound, notMember.StatusCode);

        var renamed = await _client.Lists.UpdateAsync(list.Id, new UpdateListRequest { Name = list.Name + " renamed" });
        Assert.EndsWith(" renamed", renamed.Name, StringComparison.Ordinal);
        Assert.Contains((await _client.Lists.ListAsync(new ListRequest { Limit = 100 })).Items, l => l.Id == list.Id);
        var listed = new List<string>();
        await foreach (var l in _client.Lists.ListAllAsync(new ListRequest { Limit = 100 }))
        {
            listed.Add(l.Id);
        }

        Assert.Contains(list.Id, listed);

        await _client.Lists.DeleteAsync(list.Id);
        await Assert.ThrowsAsync<RunnelApiException>(() => _client.Lists.GetAsync(list.Id));
    }

    [Fact]
    public async Task A_dynamic_list_takes_rules_and_refuses_explicit_members()
    {
        var rules = new JsonObject { ["source"] = "contact", ["field"] = "first_name", ["operator"] = "eq", ["value"] = "Ada" };
        var list = await _client.Lists.CreateAsync(new CreateListRequest { Name = TestData.Unique("adas"), Type = ListTypes.Dynamic, Rules = rules });
        Assert.Equal("first_name", list.Rules!["field"]!.GetValue<string>());
        var contact = await _client.Contacts.UpsertAsync(new UpsertContactRequest { Email = TestData.Email() });

        var refused = await Assert.ThrowsAsync<RunnelApiException>(() =>
            _client.Lists.AddContactsAsync(list.Id, [contact.ContactId]));
        Assert.Equal(RunnelErrorCodes.ListNotStatic, refused.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Emails_are_created_changed_previewed_and_approved()
    {
        var email = await _client.Emails.CreateAsync(new CreateEmailRequest
        {
            Name = TestData.Unique("welcome"),
            Subject = "Hi {{ contact.first_name }}",
            Html = "<p>Your cart {{ context.cartId }}</p>",
            FromEmail = "hello@example.com",
        });
        Assert.Equal(EmailStatuses.Draft, email.Status);

        var changed = await _client.Emails.UpdateAsync(email.Id, new UpdateEmailRequest { Text = "Cart {{ context.cartId }}" });
        Assert.Equal("Cart {{ context.cartId }}", changed.Text);

        var contact = await _client.Contacts.UpsertAsync(new UpsertContactRequest { Email = TestData.Email(), FirstName = "Ada" });
        var preview = await _client.Emails.PreviewAsync(email.Id, new PreviewEmailRequest
        {
            ContactId = contact.ContactId, Context = new JsonObject { ["cartId"] = "987" },
        });
        Assert.Equal("Hi Ada", preview.Subject);
        Assert.Contains("987", preview.Html, StringComparison.Ordinal);

        var approved = await _client.Emails.ApproveAsync(email.Id);
        Assert.Equal(EmailStatuses.Approved, approved.Status);
        Assert.NotNull(approved.ApprovedAt);

        Assert.Contains((await _client.Emails.ListAsync(new ListRequest { Limit = 100 })).Items, e => e.Id == email.Id);
        var ids = new List<string>();
        await foreach (var e in _client.Emails.ListAllAsync(new ListRequest { Limit = 100 }))
        {
            ids.Add(e.Id);
        }

        Assert.Contains(email.Id, ids);
    }

    [Fact]
    public async Task Forms_are_created_read_changed_listed_and_deleted()
    {
        var form = await _client.Forms.CreateAsync(new CreateFormRequest
        {
            Name = TestData.Unique("signup"),
            Fields = [new FormField { Name = "email", Type = "email", Required = true }],
            RedirectUrl = "https://example.com/thanks",
        });
        Assert.Equal("email", Assert.Single(form.Fields).Name);
        Assert.False(string.IsNullOrEmpty(form.SubmitPath));

        Assert.Equal(form.Name, (await _client.Forms.GetAsync(form.Id)).Name);
        var changed = await _client.Forms.UpdateAsync(form.Id, new UpdateFormRequest
        {
            Fields = [new FormField { Name = "email", Type = "email", Required = true }, new FormField { Name = "first_name", Type = "text" }],
        });
        Assert.Equal(2, changed.Fields.Count);
        Assert.Contains((await _client.Forms.ListAsync(new ListRequest { Limit = 100 })).Items, f => f.Id == form.Id);
        var ids = new List<string>();
        await foreach (var f in _client.Forms.ListAllAsync())
        {
            ids.Add(f.Id);
        }

        Assert.Contains(form.Id, ids);

        await _client.Forms.DeleteAsync(form.Id);
        var gone = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Forms.GetAsync(form.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Pages_are_created_read_changed_listed_and_deleted()
    {
        var form = await _client.Forms.CreateAsync(new CreateFormRequest
        {
            Name = TestData.Unique("page-form"),
            Fields = [new FormField { Name = "email", Type = "email", Required = true }],
        });
        var alias = $"sdk-{Guid.NewGuid():N}";
        var page = await _client.Pages.CreateAsync(new CreatePageRequest
        {
            Name = "Spring sale", Alias = alias, Html = "<h1>Spring</h1>{{form}}", FormId = form.Id,
        });
        Assert.Equal(alias, page.Alias);
        Assert.EndsWith($"/p/{alias}", page.Url, StringComparison.Ordinal);
        Assert.Equal(form.Id, page.FormId);
        Assert.False(page.Published);
        Assert.Null(page.MemberId);
        Assert.Equal(0, page.Views);

        Assert.Equal("Spring sale", (await _client.Pages.GetAsync(page.Id)).Name);
        var published = await _client.Pages.UpdateAsync(page.Id, new UpdatePageRequest { Published = true });
        Assert.True(published.Published);
        var found = await _client.Pages.ListAsync(new ListPagesRequest { Search = alias });
        Assert.Equal(page.Id, Assert.Single(found.Items).Id);
        var ids = new List<string>();
        await foreach (var p in _client.Pages.ListAllAsync())
        {
            ids.Add(p.Id);
        }

        Assert.Contains(page.Id, ids);
        var taken = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Pages.CreateAsync(
            new CreatePageRequest { Name = "Again", Alias = alias, Html = "<p>x</p>" }));
        Assert.Equal(RunnelErrorCodes.PageAliasTaken, taken.ErrorCode);

        await _client.Pages.DeleteAsync(page.Id);
        var gone = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Pages.GetAsync(page.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task An_api_key_works_until_it_is_revoked()
    {
        var key = await _client.ApiKeys.CreateAsync(new CreateApiKeyRequest
        {
            Name = TestData.Unique("reader"), Kind = ApiKeyKinds.Secret, Scopes = [ApiScopes.ContactsRead],
        });
        Assert.StartsWith("rk_secret_", key.Key, StringComparison.Ordinal);
        Assert.Equal([ApiScopes.ContactsRead], key.Scopes);

        var listed = await _client.ApiKeys.ListAsync(new ListRequest { Limit = 100 });
        var shown = Assert.Single(listed.Items, k => k.Id == key.Id);
        Assert.Null(shown.Key);
        var all = new List<string>();
        await foreach (var k in _client.ApiKeys.ListAllAsync())
        {
            all.Add(k.Id);
        }

        Assert.Contains(key.Id, all);

        using var reader = fixture.Server.Client(key.Key!);
        Assert.NotNull(await reader.Contacts.ListAsync());

        await _client.ApiKeys.DeleteAsync(key.Id);
        var refused = await Assert.ThrowsAsync<RunnelApiException>(() => reader.Contacts.ListAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(RunnelErrorCodes.Unauthorized, refused.ErrorCode);
    }

    [Fact]
    public async Task Settings_are_read_and_changed()
    {
        var before = await _client.Settings.GetAsync();
        Assert.False(string.IsNullOrEmpty(before.Timezone));

        var after = await _client.Settings.UpdateAsync(new UpdateSettingsRequest
        {
            PostalAddress = "1 Main St, Springfield", DefaultFromName = "Runnel tests",
        });
        Assert.Equal("1 Main St, Springfield", after.PostalAddress);
        Assert.Equal("Runnel tests", after.DefaultFromName);
        Assert.Equal(before.Timezone, after.Timezone);
        Assert.Equal("Runnel tests", (await _client.Settings.GetAsync()).DefaultFromName);
    }

    [Fact]
    public async Task Secrets_are_set_listed_without_values_and_deleted()
    {
        var name = TestData.Unique("crm_token").Replace('-', '_');
        var secret = await _client.Secrets.CreateAsync(new CreateSecretRequest { Name = name, Value = "s3cr3t-value" });
        Assert.Equal(name, secret.Name);
        Assert.Contains(await _client.Secrets.ListAsync(), s => s.Name == name);

        await _client.Secrets.DeleteAsync(name);
        Assert.DoesNotContain(await _client.Secrets.ListAsync(), s => s.Name == name);

        var rotated = await _client.Secrets.RotateWebhookSigningSecretAsync();
        Assert.StartsWith("whsec_", rotated.Secret, StringComparison.Ordinal);
    }
}
