using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>Authoring helpers for SMS conversations: the sender number, the abandoned-cart menu, inbound texts.</summary>
public static class SmsScenario
{
    private static int _phones = 999;
    private static int _senders = 999;

    /// <summary>A phone number no other test of this process uses (libphonenumber-valid, US 415-555-xxxx).</summary>
    public static string NewPhone() => $"+1415555{Interlocked.Increment(ref _phones):D4}";

    /// <summary>A sender number for one workspace: each workspace needs its own (inbound routing is by number).</summary>
    public static string NewSender() => $"+1212555{Interlocked.Increment(ref _senders):D4}";

    /// <summary>Seed 001's abandoned-cart menu: reply 1 to finish, 2 to talk to us, anything else re-prompts.</summary>
    public static string CartMenu(int? timeoutMinutes = 20, int? ttlMinutes = null, string triggers = """[{"type":"api"}]""") =>
        $$$"""
        {"triggers":{{{triggers}}},
         "steps":[
          {"step_id":"ask","type":"send_sms",
           "body":"Hi {{contact.first_name}}, cart {{context.cart_id}} is waiting. Reply 1 to finish your order, 2 to talk to us.",
           "next_step_id":"wait"},
          {"step_id":"wait","type":"wait_for_reply"{{{(timeoutMinutes is { } t ? $",\"timeout_minutes\":{t}" : "")}}},
           "branches":[{"match":{"type":"number","values":["1"]},"next_step_id":"finish"},
                       {"match":{"type":"keyword","values":["two","talk"]},"next_step_id":"talk"},
                       {"match":{"type":"regex","values":["^2\\b"]},"next_step_id":"talk"}],
           "no_match_step_id":"reprompt","timeout_step_id":"nudge"},
          {"step_id":"finish","type":"send_sms","body":"Great! Finish here: https://shop.example/cart/{{context.cart_id}}"},
          {"step_id":"talk","type":"send_sms","body":"An agent will text you shortly. You said: {{reply.text}}"},
          {"step_id":"reprompt","type":"send_sms","body":"Sorry, \"{{reply.text}}\" is not an option. Reply 1 or 2.",
           "next_step_id":"wait"},
          {"step_id":"nudge","type":"send_sms","body":"Your cart {{context.cart_id}} expires soon."}]
         {{{(ttlMinutes is { } ttl ? $",\"settings\":{{\"session_ttl_minutes\":{ttl}}}" : "")}}}
        }
        """;

    /// <summary>Gives the workspace a fresh sender number (and optionally quiet hours); returns the number.</summary>
    public static async Task<string> SetSenderAsync(this WorkspaceClient ws, object? quietHours = null)
    {
        var number = NewSender();
        await ws.Http.PatchJsonAsync("/v1/settings", quietHours is null
            ? new { sms_from = number }
            : new { sms_from = number, quiet_hours = quietHours }).ExpectAsync(HttpStatusCode.OK);
        return number;
    }

    /// <summary>Starts the flow for a new subscribed contact (trigger by phone) and returns the member id.</summary>
    public static async Task<string> StartAsync(this WorkspaceClient ws, string flowId, string phone,
        string cartId = "987", string? timezone = null)
    {
        var started = await ws.TriggerAsync(flowId, new
        {
            phone,
            context = new { cart_id = cartId },
            contact = timezone is null ? (object)new { first_name = "Ada" } : new { first_name = "Ada", timezone },
        });
        await ws.AdvanceAsync(TimeSpan.Zero);
        return started.Id();
    }

    public static Task<JsonNode> TextAsync(this WorkspaceClient ws, string from, string text, string? messageId = null) =>
        ws.Http.PostJsonAsync("/v1/dev/sms/inbound", new { from, text, message_id = messageId })
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>The SMS texts sent to <paramref name="phone"/>, oldest first.</summary>
    public static async Task<string[]> TextsToAsync(this WorkspaceClient ws, string phone) =>
        (await ws.Http.GetAsync($"/v1/dev/outbox?channel=sms&to={Uri.EscapeDataString(phone)}&limit=100")
            .ExpectAsync(HttpStatusCode.OK))["messages"]!.AsArray()
        .Reverse().Select(m => m!["text"]!.GetValue<string>()).ToArray();

    public static JsonObject[] Entries(this JsonNode member, string type) =>
        member["timeline"]!.AsArray().OfType<JsonObject>().Where(e => e["type"]!.GetValue<string>() == type).ToArray();
}
