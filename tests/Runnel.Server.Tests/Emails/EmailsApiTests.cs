using System.Net;
using Runnel.Core.Emails;
using Runnel.Core.Json;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Emails;

public sealed class EmailsApiTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private string Now() => UtcTimestampConverter.Format(factory.Clock.GetUtcNow());

    [Fact]
    public async Task Creating_an_email_returns_the_exact_email_object_as_a_draft()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateEmailAsync(new
        {
            name = "Welcome", subject = "Hi {{ contact.first_name }}", preheader = "Glad you're here",
            from_name = "Acme", from_email = "Hello@Acme.TEST", reply_to = "Support@Acme.test",
            html = "<p>Hi</p>", text = "Hi",
        });

        Assert.Equal(EmailTestData.EmailMembers.Order(), email.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Welcome", email["name"]!.GetValue<string>());
        Assert.Equal("Hi {{ contact.first_name }}", email["subject"]!.GetValue<string>());
        Assert.Equal("Glad you're here", email["preheader"]!.GetValue<string>());
        Assert.Equal("Acme", email["from_name"]!.GetValue<string>());
        Assert.Equal("hello@acme.test", email["from_email"]!.GetValue<string>());
        Assert.Equal("support@acme.test", email["reply_to"]!.GetValue<string>());
        Assert.Equal("<p>Hi</p>", email["html"]!.GetValue<string>());
        Assert.Equal("Hi", email["text"]!.GetValue<string>());
        Assert.Equal("draft", email["status"]!.GetValue<string>());
        Assert.Null(email["approved_at"]);
        Assert.Equal(Now(), email["created_at"]!.GetValue<string>());
        Assert.Equal(Now(), email["updated_at"]!.GetValue<string>());
        Assert.Equal(7, Guid.Parse(email.Id()).Version);

        var fetched = await ws.Http.GetAsync($"/v1/emails/{email.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(email.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task Optional_members_default_to_null()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateEmailAsync(new { name = "Bare", subject = "S" });
        foreach (var member in new[] { "preheader", "from_name", "from_email", "reply_to", "html", "text" })
        {
            Assert.True(email.AsObject().ContainsKey(member), member);
            Assert.Null(email[member]);
        }
    }

    [Fact]
    public async Task Creating_from_a_template_copies_its_bodies_which_then_live_on_their_own()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var template = await ws.CreateTemplateAsync(new { name = "Base", html = "<h1>{{ contact.first_name }}</h1>", text = "Hello" });
        var email = await ws.CreateEmailAsync(new { name = "From template", template_id = template.Id(), subject = "S" });
        Assert.Equal("<h1>{{ contact.first_name }}</h1>", email["html"]!.GetValue<string>());
        Assert.Equal("Hello", email["text"]!.GetValue<string>());

        await ws.Http.PatchJsonAsync($"/v1/templates/{template.Id()}", new { html = "<h2>changed</h2>" }).ExpectAsync(HttpStatusCode.OK);
        await ws.Http.DeleteAsync($"/v1/templates/{template.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        var after = await ws.Http.GetAsync($"/v1/emails/{email.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("<h1>{{ contact.first_name }}</h1>", after["html"]!.GetValue<string>());
        Assert.Equal("Hello", after["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_or_foreign_template_is_template_not_found()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        var foreign = await b.CreateTemplateAsync(new { name = "B's", html = "<p>b</p>" });
        foreach (var templateId in new[] { foreign.Id(), Guid.CreateVersion7().ToString(), "not-a-uuid" })
        {
            await a.Http.PostJsonAsync("/v1/emails", new { name = "x", subject = "s", template_id = templateId })
                .ExpectProblemAsync(HttpStatusCode.NotFound, "template_not_found");
        }

        var list = await a.Http.GetAsync("/v1/emails").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["emails"]!.AsArray());
        await a.Http.PostJsonAsync("/v1/emails", new { name = "x", subject = "s", template_id = foreign.Id(), html = "<p>" })
            .ExpectValidationAsync("template_id");
    }

    [Fact]
    public async Task Create_input_is_validated_with_every_problem_at_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var problem = await ws.Http.PostJsonAsync("/v1/emails", new
        {
            name = new string('n', 201), subject = new string('s', 999), preheader = new string('p', 1001),
            from_name = "Line\nbreak", from_email = "not-an-address", reply_to = "also bad",
            html = new string('h', (512 * 1024) + 1),
        }).ExpectValidationAsync("name");
        var paths = problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToArray();
        Assert.Equal(["name", "subject", "preheader", "from_name", "from_email", "reply_to", "html"], paths);

        await ws.Http.PostJsonAsync("/v1/emails", new { subject = "s" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/emails", new { name = "  ", subject = "s" }).ExpectValidationAsync("name");
        await ws.Http.PostJsonAsync("/v1/emails", new { name = "x" }).ExpectValidationAsync("subject");
        await ws.Http.PostJsonAsync("/v1/emails", new { name = "x", subject = "a\r\nBcc: victim@example.com" })
            .ExpectValidationAsync("subject");
        await ws.Http.PostJsonAsync("/v1/emails", new { name = "x", subject = "s", text = new string('t', (512 * 1024) + 1) })
            .ExpectValidationAsync("text");
        await ws.Http.PostJsonAsync("/v1/emails", new { name = "x", subject = "s", template = "t" })
            .ExpectValidationAsync("template");
        await ws.Http.PostJsonAsync("/v1/emails", new { name = "x", subject = 42 }).ExpectValidationAsync("subject");
        await ws.Http.PostJsonAsync("/v1/emails", "{\"name\": \"x\",").ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        await ws.Http.PostJsonAsync("/v1/emails", new { name = "x", subject = "s", html = "<p>{% if %}" })
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Emails_are_listed_newest_first_in_pages()
    {
        using var ws = await factory.NewWorkspaceAsync();
        for (var i = 0; i < 3; i++)
        {
            await ws.CreateEmailAsync(new { name = $"e{i}", subject = "s" });
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await ws.Http.GetAsync("/v1/emails?limit=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["e2", "e1"], first["emails"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal(3, first["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(2, first["pagination"]!["total_pages"]!.GetValue<int>());
        var second = await ws.Http.GetAsync("/v1/emails?limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        var last = Assert.Single(second["emails"]!.AsArray())!;
        Assert.Equal(EmailTestData.EmailMembers.Order(), last.AsObject().Select(p => p.Key).Order());
        await ws.Http.GetAsync("/v1/emails?limit=0").ExpectValidationAsync("limit");
    }

    [Fact]
    public async Task Patching_changes_only_the_members_sent()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateEmailAsync(new { name = "N", subject = "S", from_email = "a@acme.test", html = "<p>x</p>" });
        var createdAt = email["created_at"]!.GetValue<string>();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var patched = await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}",
            new { subject = "New", from_email = (string?)null, text = "plain" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("N", patched["name"]!.GetValue<string>());
        Assert.Equal("New", patched["subject"]!.GetValue<string>());
        Assert.Null(patched["from_email"]);
        Assert.Equal("<p>x</p>", patched["html"]!.GetValue<string>());
        Assert.Equal("plain", patched["text"]!.GetValue<string>());
        Assert.Equal(createdAt, patched["created_at"]!.GetValue<string>());
        Assert.Equal(Now(), patched["updated_at"]!.GetValue<string>());

        await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { subject = (string?)null }).ExpectValidationAsync("subject");
        await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { name = (string?)null }).ExpectValidationAsync("name");
        await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { reply_to = "nope" }).ExpectValidationAsync("reply_to");
        await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { status = "approved" }).ExpectValidationAsync("status");
        await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { html = new string('h', (512 * 1024) + 1) })
            .ExpectValidationAsync("html");
        var unchanged = await ws.Http.GetAsync($"/v1/emails/{email.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(patched.ToJsonString(), unchanged.ToJsonString());
    }

    [Fact]
    public async Task Approving_a_ready_email_freezes_it_as_a_revision()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateReadyEmailAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var approved = await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal(Now(), approved["approved_at"]!.GetValue<string>());
        Assert.Equal(Now(), approved["updated_at"]!.GetValue<string>());
        Assert.Equal(EmailTestData.EmailMembers.Order(), approved.AsObject().Select(p => p.Key).Order());
        Assert.Equal(EmailStatus.Approved, await factory.GetStatusAsync(ws.WorkspaceId, email.Id()));

        var revision = await factory.GetApprovedAsync(ws.WorkspaceId, email.Id());
        Assert.NotNull(revision);
        Assert.Equal(1, revision.Revision);
        Assert.Equal("hello@acme.test", revision.FromEmail);
        Assert.Equal("<p>Hi {{ contact.first_name }}</p>", revision.Html);

        var again = await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(approved.ToJsonString(), again.ToJsonString());
        Assert.Equal(1, (await factory.GetApprovedAsync(ws.WorkspaceId, email.Id()))!.Revision);
        await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", new { force = true }).ExpectValidationAsync("force");
    }

    [Fact]
    public async Task An_email_that_is_not_ready_lists_every_problem()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var empty = await ws.CreateEmailAsync(new { name = "Empty", subject = " " });
        var problem = await ws.Http.PostJsonAsync($"/v1/emails/{empty.Id()}/approve", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "email_not_ready");
        Assert.Equal("3 problems", problem["detail"]!.GetValue<string>());
        Assert.Equal(["subject", "html", "from_email"],
            problem["missing"]!.AsArray().Select(m => m!["path"]!.GetValue<string>()));

        var broken = await ws.CreateEmailAsync(new
        {
            name = "Broken", subject = "Hi {{ contact.first_name", from_email = "a@acme.test",
            html = "<html>\n<body>\n{% if contact.plan %}\n<p>Pro</p>\n</body>", text = "ok\n{% endfor %}",
            preheader = "{% nosuch %}",
        });
        problem = await ws.Http.PostJsonAsync($"/v1/emails/{broken.Id()}/approve", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "email_not_ready");
        var missing = problem["missing"]!.AsArray().ToDictionary(m => m!["path"]!.GetValue<string>(), m => m!["message"]!.GetValue<string>());
        Assert.Equal(["subject", "preheader", "html", "text"], missing.Keys);
        Assert.Equal("Liquid syntax error at line 1, column 4: '{{ contact.first_name' is not closed with }}", missing["subject"]);
        Assert.Equal("Liquid syntax error at line 1, column 1: Unknown tag 'nosuch'", missing["preheader"]);
        Assert.Equal("Liquid syntax error at line 3, column 1: 'if' is never closed with 'endif'", missing["html"]);
        Assert.Equal("Liquid syntax error at line 2, column 1: Unknown tag 'endfor'", missing["text"]);

        var still = await ws.Http.GetAsync($"/v1/emails/{broken.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", still["status"]!.GetValue<string>());
        Assert.Null(await factory.GetApprovedAsync(ws.WorkspaceId, broken.Id()));
    }

    [Fact]
    public async Task The_workspace_default_sender_is_used_and_frozen_at_approval()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateEmailAsync(new { name = "N", subject = "S", text = "Hello" });
        await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "email_not_ready");

        await ws.Http.PatchJsonAsync("/v1/settings", new { default_from_email = "news@acme.test", default_from_name = "Acme News" })
            .ExpectAsync(HttpStatusCode.OK);
        var approved = await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(approved["from_email"]);
        await ws.Http.PatchJsonAsync("/v1/settings", new { default_from_email = "other@acme.test" }).ExpectAsync(HttpStatusCode.OK);

        var revision = await factory.GetApprovedAsync(ws.WorkspaceId, email.Id());
        Assert.Equal("news@acme.test", revision!.FromEmail);
        Assert.Equal("Acme News", revision.FromName);
    }

    [Fact]
    public async Task Editing_an_approved_email_makes_a_draft_while_sends_keep_the_approved_revision()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateReadyEmailAsync("<p>Version one</p>");
        await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectAsync(HttpStatusCode.OK);
        var firstApproval = Now();

        factory.Clock.Advance(TimeSpan.FromHours(1));
        var edited = await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { html = "<p>Version two</p>", subject = "New subject" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", edited["status"]!.GetValue<string>());
        Assert.Equal(firstApproval, edited["approved_at"]!.GetValue<string>());
        Assert.Equal(EmailStatus.Draft, await factory.GetStatusAsync(ws.WorkspaceId, email.Id()));

        var inUse = await factory.GetApprovedAsync(ws.WorkspaceId, email.Id());
        Assert.Equal(1, inUse!.Revision);
        Assert.Equal("<p>Version one</p>", inUse.Html);
        Assert.Equal("Welcome, {{ contact.first_name }}", inUse.Subject);

        var reapproved = await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", reapproved["status"]!.GetValue<string>());
        Assert.Equal(Now(), reapproved["approved_at"]!.GetValue<string>());
        Assert.NotEqual(firstApproval, Now());
        var current = await factory.GetApprovedAsync(ws.WorkspaceId, email.Id());
        Assert.Equal(2, current!.Revision);
        Assert.Equal("<p>Version two</p>", current.Html);
        Assert.Equal("New subject", current.Subject);
    }

    [Fact]
    public async Task Renaming_an_approved_email_keeps_it_approved()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateReadyEmailAsync();
        await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectAsync(HttpStatusCode.OK);
        var renamed = await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { name = "Renamed" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", renamed["status"]!.GetValue<string>());
        var same = await ws.Http.PatchJsonAsync($"/v1/emails/{email.Id()}", new { html = renamed["html"]!.GetValue<string>() })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", same["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_renders_the_current_draft_for_a_contact_and_context()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var contactId = await factory.SeedContactAsync(ws.WorkspaceId, "<Ada>", """{"plan":"pro"}""");
        var email = await ws.CreateEmailAsync(new
        {
            name = "P", subject = "Hi {{ contact.first_name }} ({{ contact.plan }})", preheader = "Code {{ campaign.dynamic.coupon }}",
            html = "<body><p>{{ contact.first_name }} / {{ context.cart.total }}</p></body>",
            text = "{{ contact.first_name }} {{ context.cart.total }} {{ campaign.dynamic.coupon }}",
        });

        var preview = await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/preview", new
        {
            contact_id = contactId, context = new { cart = new { total = 42.5 } }, dynamic_context = new { coupon = "SAVE20" },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["html", "subject", "text"], preview.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Hi <Ada> (pro)", preview["subject"]!.GetValue<string>());
        Assert.Equal("<Ada> 42.5 SAVE20", preview["text"]!.GetValue<string>());
        var html = preview["html"]!.GetValue<string>();
        Assert.StartsWith("<body><div style=\"display:none;", html, StringComparison.Ordinal);
        Assert.Contains(">Code SAVE20</div>", html, StringComparison.Ordinal);
        Assert.EndsWith("<p>&lt;Ada&gt; / 42.5</p></body>", html, StringComparison.Ordinal);

        var bare = await ws.Http.PostJsonAsync($"/v1/emails/{email.Id()}/preview", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Hi  ()", bare["subject"]!.GetValue<string>());

        var textOnly = await ws.CreateEmailAsync(new { name = "T", subject = "S", text = "t" });
        var noHtml = await ws.Http.PostJsonAsync($"/v1/emails/{textOnly.Id()}/preview", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(noHtml.AsObject().ContainsKey("html"));
        Assert.Null(noHtml["html"]);
    }

    [Fact]
    public async Task Preview_errors_are_problem_documents()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        var foreignContact = await factory.SeedContactAsync(b.WorkspaceId, "Bea");
        var email = await a.CreateReadyEmailAsync();
        foreach (var contactId in new[] { foreignContact.ToString(), Guid.CreateVersion7().ToString(), "nope" })
        {
            await a.Http.PostJsonAsync($"/v1/emails/{email.Id()}/preview", new { contact_id = contactId })
                .ExpectProblemAsync(HttpStatusCode.NotFound, "contact_not_found");
        }

        await a.Http.PostJsonAsync($"/v1/emails/{email.Id()}/preview", new { context = new[] { 1 } }).ExpectValidationAsync("context");
        await a.Http.PostJsonAsync($"/v1/emails/{email.Id()}/preview", new { contact = "x" }).ExpectValidationAsync("contact");

        var broken = await a.CreateEmailAsync(new { name = "B", subject = "S", html = "<p>\n{% for x in y %}" });
        var problem = await a.Http.PostJsonAsync($"/v1/emails/{broken.Id()}/preview", null)
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "template_render_failed");
        Assert.Equal("html: Liquid syntax error at line 2, column 1: 'for' is never closed with 'endfor'",
            problem["detail"]!.GetValue<string>());
        Assert.Equal("html", problem["path"]!.GetValue<string>());

        var bomb = await a.CreateEmailAsync(new { name = "Bomb", subject = "S", text = "{% for a in (1..10000) %}{% for b in (1..10000) %}xxxxxxxxxx{% endfor %}{% endfor %}" });
        problem = await a.Http.PostJsonAsync($"/v1/emails/{bomb.Id()}/preview", null)
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "template_render_failed");
        Assert.Equal("text: the output is larger than 512 KiB", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_workspaces_email_is_not_found_everywhere()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        var email = await b.CreateReadyEmailAsync();
        foreach (var id in new[] { email.Id(), Guid.CreateVersion7().ToString(), "not-a-uuid" })
        {
            await a.Http.GetAsync($"/v1/emails/{id}").ExpectProblemAsync(HttpStatusCode.NotFound, "email_not_found");
            await a.Http.PatchJsonAsync($"/v1/emails/{id}", new { name = "stolen" }).ExpectProblemAsync(HttpStatusCode.NotFound, "email_not_found");
            await a.Http.PostJsonAsync($"/v1/emails/{id}/approve", null).ExpectProblemAsync(HttpStatusCode.NotFound, "email_not_found");
            await a.Http.PostJsonAsync($"/v1/emails/{id}/preview", null).ExpectProblemAsync(HttpStatusCode.NotFound, "email_not_found");
        }

        Assert.Null(await factory.GetStatusAsync(a.WorkspaceId, email.Id()));
        Assert.Null(await factory.GetApprovedAsync(a.WorkspaceId, email.Id()));
        var list = await a.Http.GetAsync("/v1/emails").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list["emails"]!.AsArray());
        var untouched = await b.Http.GetAsync($"/v1/emails/{email.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Welcome", untouched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reads_and_previews_need_emails_read_and_writes_need_emails_write()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var email = await ws.CreateReadyEmailAsync();
        using var reader = await factory.ClientWithScopesAsync(ws, "EMAILS_READ");
        await reader.GetAsync("/v1/emails").ExpectAsync(HttpStatusCode.OK);
        await reader.GetAsync($"/v1/emails/{email.Id()}").ExpectAsync(HttpStatusCode.OK);
        await reader.PostJsonAsync($"/v1/emails/{email.Id()}/preview", null).ExpectAsync(HttpStatusCode.OK);
        await reader.PostJsonAsync("/v1/emails", new { name = "x", subject = "s" }).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.PatchJsonAsync($"/v1/emails/{email.Id()}", new { name = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await reader.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");

        using var writer = await factory.ClientWithScopesAsync(ws, "EMAILS_WRITE");
        await writer.PostJsonAsync($"/v1/emails/{email.Id()}/approve", null).ExpectAsync(HttpStatusCode.OK);
        await writer.GetAsync("/v1/emails").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        await writer.PostJsonAsync($"/v1/emails/{email.Id()}/preview", null).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");

        using var other = await factory.ClientWithScopesAsync(ws, "CONTACTS_READ");
        await other.GetAsync($"/v1/emails/{email.Id()}").ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
    }

    [Fact]
    public async Task A_repeated_create_with_an_idempotency_key_makes_one_email()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var body = new { name = "Once", subject = "S" };
        var first = await ws.Http.PostJsonAsync("/v1/emails", body, "create-once").ExpectAsync(HttpStatusCode.Created);
        var second = await ws.Http.PostJsonAsync("/v1/emails", body, "create-once").ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.Id(), second.Id());
        var list = await ws.Http.GetAsync("/v1/emails").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(list["emails"]!.AsArray());
    }
}
