using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Delivery;

/// <summary>Email over a real SMTP server on loopback: MIME, compliance headers, tracking, unsubscribe, bounces.</summary>
public sealed class SmtpDeliveryTests(SmtpRunnelFactory factory) : IClassFixture<SmtpRunnelFactory>
{
    private static string NewAddress(string prefix = "reader") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<(WorkspaceClient Ws, string FlowId, string MemberId, string ContactId, string To)> SentAsync(
        string? to = null)
    {
        var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PatchJsonAsync("/v1/settings", new { postal_address = "Runnel Ltd\n1 Main St, Springfield" })
            .ExpectAsync(HttpStatusCode.OK);
        var flowId = await ws.OneEmailFlowAsync();
        to ??= NewAddress();
        var started = await ws.TriggerAsync(flowId, new { email = to, contact = new { first_name = "Ada" } });
        await ws.AdvanceAsync(TimeSpan.Zero);
        return (ws, flowId, started.Id(), started.Id("contact_id"), to);
    }

    [Fact]
    public async Task A_marketing_email_arrives_with_its_headers_bodies_footer_and_tracked_links()
    {
        var (ws, flowId, memberId, _, to) = await SentAsync();
        using var _ = ws;

        var message = Assert.Single(factory.Sink.MessagesTo(to));
        Assert.Equal("Big sale", message.Subject);
        Assert.Equal("hello@runnel.test", message.From.Mailboxes.Single().Address);
        Assert.Matches("^[0-9a-f]{32}\\.runnel@runnel\\.test$", message.MessageId);
        var listUnsubscribe = message.Headers["List-Unsubscribe"];
        Assert.StartsWith($"<{SmtpRunnelFactory.PublicUrl}/u/", listUnsubscribe, StringComparison.Ordinal);
        Assert.Contains(", <mailto:hello@runnel.test?subject=unsubscribe>", listUnsubscribe, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);

        var html = DeliveryScenario.HtmlOf(message);
        Assert.Contains("<p>Hi Ada</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://shop.example", html, StringComparison.Ordinal);
        Assert.Contains("/t/c/", html, StringComparison.Ordinal);
        Assert.Contains("href='mailto:help@runnel.test'", html, StringComparison.Ordinal);
        // The unsubscribe link is the real one, not a tracked redirect, and matches the header.
        var unsubscribe = DeliveryScenario.PathOf(html, "/u/");
        Assert.Contains(unsubscribe, listUnsubscribe, StringComparison.Ordinal);
        Assert.Contains("/t/o/", html, StringComparison.Ordinal);
        Assert.Contains("Runnel Ltd<br>1 Main St, Springfield", html, StringComparison.Ordinal);
        Assert.Contains("Hi Ada", message.TextBody!, StringComparison.Ordinal);
        Assert.Contains("Runnel Ltd\n1 Main St, Springfield", message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // email_sent is recorded by the delivery, and the outbox row shows it sent under the same Message-ID.
        var member = await ws.MemberAsync(flowId, memberId);
        var sent = Assert.Single(member.Entries("email_sent"));
        Assert.Equal($"<{message.MessageId}>", sent["data"]!["smtp_message_id"]!.GetValue<string>());
        var row = Assert.Single(await ws.OutboxAsync(to));
        Assert.NotNull(row!["sent_at"]);
        Assert.Equal($"<{message.MessageId}>", row["headers"]!["Message-ID"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_click_redirects_only_to_the_signed_url_and_is_recorded_and_a_forged_click_is_404()
    {
        var (ws, flowId, memberId, contactId, to) = await SentAsync();
        using var _ = ws;
        var click = DeliveryScenario.PathOf(DeliveryScenario.HtmlOf(factory.Sink.MessagesTo(to).Single()), "/t/c/");
        using var browser = Browser();

        var response = await browser.GetAsync(click);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://shop.example/sale?a=1&b=2", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(DeliveryScenario.Tampered(click))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/t/c/not-a-token")).StatusCode);

        var member = await ws.MemberAsync(flowId, memberId);
        var clicked = Assert.Single(member.Entries("email_clicked"));
        Assert.Equal("hello", clicked["step_id"]!.GetValue<string>());
        Assert.Equal("https://shop.example/sale?a=1&b=2", clicked["data"]!["url"]!.GetValue<string>());
        Assert.Contains("email_clicked", await ws.EventNamesAsync(contactId));
    }

    [Fact]
    public async Task The_unsubscribe_page_does_not_unsubscribe_but_its_post_does_at_once()
    {
        var (ws, flowId, memberId, contactId, to) = await SentAsync();
        using var _ = ws;
        var path = DeliveryScenario.PathOf(DeliveryScenario.HtmlOf(factory.Sink.MessagesTo(to).Single()), "/u/");
        using var browser = Browser();

        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("non_subscribed", await ws.EmailStatusAsync(contactId));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(DeliveryScenario.Tampered(path))).StatusCode);
        var forged = await browser.PostAsync(DeliveryScenario.Tampered(path),
            new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal("non_subscribed", await ws.EmailStatusAsync(contactId));

        // RFC 8058: the mail client POSTs this body to the List-Unsubscribe URL.
        var oneClick = await browser.PostAsync(path,
            new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Null(oneClick.Headers.Location);
        Assert.Equal("unsubscribed", await ws.EmailStatusAsync(contactId));
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("dropped", member.Status());
        Assert.Equal("unsubscribed", member["exit_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_email_step_condition_branches_on_a_real_open_and_a_forged_pixel_is_404()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var hello = await ws.ApprovedEmailAsync("Hello", DeliveryScenario.Html);
        var thanks = await ws.ApprovedEmailAsync("Thanks for reading", "<p>Thanks</p>");
        var nudge = await ws.ApprovedEmailAsync("Did you see this?", "<p>Nudge</p>");
        var flowId = await ws.ActiveFlowAsync($$"""
            {"triggers":[{"type":"api"}],
             "steps":[
               {"step_id":"hello","type":"send_email","email_id":"{{hello}}","next_step_id":"until_open"},
               {"step_id":"until_open","type":"wait",
                "condition":{"source":"email_step","step_id":"hello","operator":"opened"},
                "timeout_minutes":4320,"timeout_step_id":"nudge","next_step_id":"thanks"},
               {"step_id":"thanks","type":"send_email","email_id":"{{thanks}}"},
               {"step_id":"nudge","type":"send_email","email_id":"{{nudge}}"}]}
            """);
        var to = NewAddress();
        var memberId = (await ws.TriggerAsync(flowId, new { email = to })).Id();
        await ws.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());
        var pixel = DeliveryScenario.PathOf(DeliveryScenario.HtmlOf(factory.Sink.MessagesTo(to).Single()), "/t/o/");
        using var browser = Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(DeliveryScenario.Tampered(pixel))).StatusCode);
        var opened = await browser.GetAsync(pixel);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("image/gif", opened.Content.Headers.ContentType!.MediaType);
        Assert.Equal("GIF89a", Encoding.ASCII.GetString((await opened.Content.ReadAsByteArrayAsync())[..6]));
        await browser.GetAsync(pixel);
        await ws.AdvanceAsync(TimeSpan.FromMinutes(1));

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Single(member.Entries("email_opened"));
        Assert.Equal(new[] { "Hello", "Thanks for reading" }, factory.Sink.MessagesTo(to).Select(m => m.Subject ?? "").ToArray());
    }

    [Fact]
    public async Task Provider_events_record_delivery_and_a_hard_bounce_unsubscribes_the_address()
    {
        var (ws, flowId, memberId, contactId, to) = await SentAsync();
        using var _ = ws;
        var messageId = factory.Sink.MessagesTo(to).Single().MessageId;

        var delivered = await ws.Http.PostJsonAsync("/v1/webhooks/email/generic",
            new { type = "delivered", message_id = $"<{messageId}>" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, delivered["matched"]!.GetValue<int>());
        var unknown = await ws.Http.PostJsonAsync("/v1/webhooks/email/generic",
            new { events = new[] { new { type = "delivered", message_id = "<nobody@example.com>" } } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, unknown["unmatched"]!.GetValue<int>());
        await ws.Http.PostJsonAsync("/v1/webhooks/email/generic", new { type = "exploded", message_id = "x" })
            .ExpectValidationAsync("type");
        await ws.Http.PostJsonAsync("/v1/webhooks/email/pigeon", new { type = "delivered", message_id = "x" })
            .ExpectProblemAsync(HttpStatusCode.NotFound, "not_found");

        // SendGrid's Event Webhook, authenticated by the key as Basic credentials in the webhook URL.
        using var sendGrid = factory.CreateClient();
        sendGrid.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"sendgrid:{ws.Key}")));
        var bounced = await sendGrid.PostJsonAsync("/v1/webhooks/email/sendgrid", $$"""
            [{"email":"{{to}}","event":"bounce","type":"bounce","smtp-id":"<{{messageId}}>",
              "reason":"550 5.1.1 mailbox unavailable","timestamp":1795338000,"sg_message_id":"abc"},
             {"email":"{{to}}","event":"open","smtp-id":"<{{messageId}}>","timestamp":1795338000}]
            """).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, bounced["matched"]!.GetValue<int>());
        Assert.Equal(1, bounced["ignored"]!.GetValue<int>());

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Single(member.Entries("email_delivered"));
        var bounce = Assert.Single(member.Entries("email_bounced"));
        Assert.Equal("hard", bounce["data"]!["bounce_type"]!.GetValue<string>());
        Assert.Equal("unsubscribed", await ws.EmailStatusAsync(contactId));
        Assert.Equal("dropped", member.Status());
        Assert.Contains("email_bounced", await ws.EventNamesAsync(contactId));

        using var anonymous = factory.CreateClient();
        await anonymous.PostJsonAsync("/v1/webhooks/email/generic", new { type = "delivered", message_id = "x" })
            .ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_permanent_smtp_rejection_fails_the_message_once_with_email_bounced()
    {
        var (ws, flowId, memberId, _, to) = await SentAsync(NewAddress("reject"));
        using var _ = ws;
        await ws.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Empty(factory.Sink.MessagesTo(to));
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Empty(member.Entries("email_sent"));
        var bounce = Assert.Single(member.Entries("email_bounced"));
        Assert.Equal("hard", bounce["data"]!["bounce_type"]!.GetValue<string>());
        Assert.Equal("smtp", bounce["data"]!["source"]!.GetValue<string>());
        Assert.StartsWith("550", bounce["data"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(Assert.Single(await ws.OutboxAsync(to))!["sent_at"]);
    }
}
