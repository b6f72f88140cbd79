using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runnel.Core.Delivery;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// A fake Twilio as a real HTTP server on 127.0.0.1 (Kestrel in the test process): it serves the Messages resource
/// behind HTTP basic auth, records every accepted call, answers 429 (with Retry-After) or 500 when told to, and builds
/// the signed inbound-message and status callbacks Twilio would post back to the server's webhooks.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "ACfake00000000000000000000000000";
    public const string AuthToken = "fake-auth-token-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();
    private readonly ConcurrentQueue<TwilioCall> _calls = new();
    private int _sids;

    public sealed record TwilioCall(string Sid, IReadOnlyDictionary<string, string> Form, string? IdempotencyToken,
        int Status);

    private FakeTwilio()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", AnswerAsync);
    }

    public int Port { get; private set; }

    /// <summary>Every call the fake answered, rejected ones included (the status says how it answered).</summary>
    public IReadOnlyList<TwilioCall> Calls => _calls.ToArray();

    public IReadOnlyList<TwilioCall> Accepted => _calls.Where(c => c.Status == 201).ToArray();

    public int Unauthorized { get; private set; }

    public static FakeTwilio Start()
    {
        var fake = new FakeTwilio();
        fake._app.StartAsync().GetAwaiter().GetResult();
        fake.Port = new Uri(fake._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return fake;
    }

    /// <summary>The next calls answer these statuses (then 201 again).</summary>
    public void FailNext(params (int Status, string? RetryAfter)[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    public IReadOnlyList<TwilioCall> To(string phone) => Accepted.Where(c => c.Form["To"] == phone).ToArray();

    /// <summary>Twilio's inbound-message webhook, signed over <paramref name="publicUrl"/> + the path.</summary>
    public static HttpRequestMessage Inbound(string publicUrl, string from, string to, string body, string sid,
        string? signatureToken = AuthToken) =>
        Signed(publicUrl, "/v1/webhooks/sms/twilio", new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["MessageSid"] = sid, ["SmsSid"] = sid, ["From"] = from, ["To"] = to,
            ["Body"] = body, ["NumMedia"] = "0", ["FromCountry"] = "US",
        }, signatureToken);

    public static HttpRequestMessage Status(string publicUrl, string sid, string status, string? errorCode = null) =>
        Signed(publicUrl, "/v1/webhooks/sms/twilio/status", new Dictionary<string, string>(
            errorCode is null ? [] : [new("ErrorCode", errorCode)])
        {
            ["AccountSid"] = AccountSid, ["MessageSid"] = sid, ["MessageStatus"] = status,
        }, AuthToken);

    public static HttpRequestMessage Signed(string publicUrl, string path, IReadOnlyDictionary<string, string> form,
        string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (token is not null)
        {
            request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(token, publicUrl + path, form));
        }

        return request;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> AnswerAsync(HttpContext context, string sid)
    {
        if (!Authorized(context.Request.Headers.Authorization.ToString()) || sid != AccountSid)
        {
            Unauthorized++;
            return Results.Json(new { code = 20003, message = "Authenticate" }, statusCode: 401);
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var form = QueryHelpers.ParseQuery(await reader.ReadToEndAsync())
            .ToDictionary(p => p.Key, p => p.Value.ToString());
        var token = context.Request.Headers["I-Twilio-Idempotency-Token"].ToString();
        if (_script.TryDequeue(out var scripted))
        {
            _calls.Enqueue(new TwilioCall("", form, token, scripted.Status));
            if (scripted.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = wait;
            }

            return scripted.Status == 400
                ? Results.Json(new { code = 21610, message = "Attempt to send to unsubscribed recipient" }, statusCode: 400)
                : Results.Json(new { code = 20429, message = "Too many requests" }, statusCode: scripted.Status);
        }

        if (form.GetValueOrDefault("To") is { } to && to.EndsWith("0666", StringComparison.Ordinal))
        {
            _calls.Enqueue(new TwilioCall("", form, token, 400));
            return Results.Json(new { code = 21610, message = "Attempt to send to unsubscribed recipient" }, statusCode: 400);
        }

        var messageSid = $"SM{Interlocked.Increment(ref _sids):D32}";
        _calls.Enqueue(new TwilioCall(messageSid, form, token, 201));
        return Results.Json(new { sid = messageSid, status = "queued" }, statusCode: 201);
    }

    private static bool Authorized(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || value.Scheme != "Basic" || value.Parameter is null)
        {
            return false;
        }

        return Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter)) == $"{AccountSid}:{AuthToken}";
    }
}
