using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Runnel.Bench;

/// <summary>
/// SMS conversations (API.md §12): reply-to-next-message latency. The bench plays the generic SMS provider
/// (<see cref="SmsReceiver"/>, <c>RUNNEL_SMS_URL</c>); contacts enter by phone a flow that texts them, waits for a reply
/// and on "1" texts again. Once every first message has reached the receiver and nothing is due on the server, signed
/// inbound replies "1" go to <c>POST /v1/webhooks/sms/generic</c> on an open schedule at a fixed rate: first a warm-up
/// to conversations of their own, then the measured replies with the full number of conversations waiting. Latency per
/// reply = the next message's arrival at the receiver minus the moment its inbound webhook request was sent.
/// </summary>
public static class SmsBenchmark
{
    private const string From = "+12025550100";
    private const string Question = "Reply 1 to continue.";
    private const string Answer = "Thanks, you are through.";
    private const int BatchSize = 1_000;
    private const int TimelineSample = 200;
    private const int WarmupSeconds = 5;

    /// <summary>How long after the last reply was sent a missing next message is still waited for.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // A day of session and of reply timeout: nothing expires while the bench runs, however slow the machine.
    private static readonly string Flow = $$"""
        {"triggers":[{"type":"api"}],
         "settings":{"session_ttl_minutes":1440},
         "steps":[
           {"step_id":"ask","type":"send_sms","body":"{{Question}}","next_step_id":"wait"},
           {"step_id":"wait","type":"wait_for_reply","timeout_minutes":1440,
            "branches":[{"match":{"type":"number","values":["1"]},"next_step_id":"done"}]},
           {"step_id":"done","type":"send_sms","body":"{{Answer}}"}]}
        """;

    public static async Task RunAsync(BenchOptions options, Report report, string repoRoot, BenchBackend backend)
    {
        var n = options.SmsConversations;
        var replies = Math.Min(options.SmsReplies ?? n, n);
        var warmup = options.SmsRate * WarmupSeconds;
        report.Section($"sms: {replies} replies at {options.SmsRate}/s with {n} conversations waiting (generic provider in the bench process)");
        await using var receiver = await SmsReceiver.StartAsync();
        await using var server = await RunnelServer.StartAsync(repoRoot, backend, "sms",
            new Dictionary<string, string> { ["RUNNEL_SMS_URL"] = receiver.Url.ToString() });
        var api = new RunnelApi(server.Control);
        await api.SettingsAsync(new JsonObject { ["sms_from"] = From });
        var secret = await api.RotateSigningSecretAsync();
        var flowId = await api.ActiveFlowAsync("Bench sms", Flow);

        // Conversations 0 … n-1 are measured; n … n+warmup-1 take the warm-up replies.
        var memberIds = await SeedAsync(server, api, receiver, report, flowId, n + warmup);
        report.Line($"server RSS with {n + warmup} conversations waiting: {server.RssMiB():F0} MiB");

        var warm = await RepliesAsync(server, receiver, secret, options, n, warmup);
        report.Line($"warm-up, {warmup} replies ({WarmupSeconds} s) to conversations of their own: reply → next SMS {Describe(warm.LatencyMs)}; p50 by fifth {warm.Fifths()} ms; inbound webhooks {warm.Inbound.Summary(200)}");
        await WaitUntilIdleAsync(server);

        var statementsBefore = await server.MetricAsync("runnel_sql_statements_total");
        var cpuBefore = server.CpuSeconds();
        var writerBefore = server.WriterCpuSeconds();
        var run = await RepliesAsync(server, receiver, secret, options, 0, replies);
        var cpu = server.CpuSeconds() - cpuBefore;
        var writer = server.WriterCpuSeconds() - writerBefore;
        var statements = await server.MetricAsync("runnel_sql_statements_total") - statementsBefore;
        var handled = run.LatencyMs.Count(ms => !double.IsNaN(ms));
        var sorted = Sorted(run.LatencyMs);
        report.Line($"inbound webhooks at {options.SmsRate}/s, {options.Connections} connections: {run.Inbound.Summary(200)}");
        report.Line($"reply → next SMS at the provider over {handled} replies: p50 {Stats.Percentile(sorted, 50):F1} ms, p99 {Stats.Percentile(sorted, 99):F1} ms, max {Stats.Percentile(sorted, 100):F1} ms; over 50 ms: {sorted.Count(ms => ms > 50)}; no next message within {Deadline.TotalSeconds:F0} s of the last reply: {replies - handled}; provider saw {receiver.Repeats} repeats in all");
        // A server that keeps up shows the same latency in every fifth; a growing one is a queue building up.
        report.Line($"p50 by fifth of the replies, in send order: {run.Fifths()} ms");
        report.Line($"runnel_due_backlog (members due and not yet run) sampled every 250 ms until the last next message: max {run.MaxBacklog} — near 0 while the latency grows means the queue is after the runner (SMS pump)");
        report.Line($"replies handled: {handled} next messages in {run.Span:F1} s from the first reply sent to the last next message = {handled / run.Span:F0} replies/s");
        report.Line($"server CPU {cpu:F1} s over {run.Window:F1} s ({cpu / run.Window * 100:F0}% of one core); SQL statements per reply {statements / Math.Max(1, handled):F1}");
        report.Line(Report.CpuPer("reply", cpu, writer, run.Window, handled, "replies"));
        await BreakdownAsync(api, report, flowId, memberIds, run, receiver);

        var completed = await CompletedAsync(api, flowId, warm.Inbound.Count(200) + run.Inbound.Count(200));
        var received = receiver.CountOf(Answer);
        report.Line($"check: {completed} members completed, {received} next messages received (warm-up included): {(completed == received ? "OK" : "MISMATCH")}");
    }

    /// <summary>+1 415 200 0000 and up: valid US numbers, one per conversation.</summary>
    private static string Phone(long i) =>
        "+1415" + (2_000_000 + i).ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Enrolls N contacts by phone and waits until each got its first message and nothing is due.</summary>
    private static async Task<List<string>> SeedAsync(RunnelServer server, RunnelApi api, SmsReceiver receiver,
        Report report, string flowId, int n)
    {
        var clock = Stopwatch.StartNew();
        var memberIds = new List<string>(n);
        for (var start = 0; start < n; start += BatchSize)
        {
            memberIds.AddRange(await api.TriggerBatchAsync(flowId, Enumerable.Range(start, Math.Min(BatchSize, n - start))
                .Select(i => new JsonObject { ["phone"] = Phone(i) })));
        }

        var enrolled = clock.Elapsed.TotalSeconds;
        while (receiver.CountOf(Question) < n)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException($"Only {receiver.CountOf(Question)} of {n} first messages arrived in 15 minutes.");
            }

            await Task.Delay(50);
        }

        var delivered = clock.Elapsed.TotalSeconds;
        await api.WaitForStatAsync(flowId, "waiting_count", n);
        var waiting = clock.Elapsed.TotalSeconds;
        await WaitUntilIdleAsync(server);
        report.Line($"seeding: {n} contacts enrolled by phone in batches of {BatchSize} in {enrolled:F1} s; all {n} first messages at the provider {delivered:F1} s after the first batch ({n / delivered:F0} messages/s); all waiting for a reply at {waiting:F1} s; nothing due at {clock.Elapsed.TotalSeconds:F1} s; provider saw {receiver.Repeats} repeats");
        return memberIds;
    }

    /// <summary>
    /// Until the runner has nothing due and nothing claimed. Each sms_sent wakes its member once more (the reply timeout
    /// starts when the provider took the message), so after a burst of sends there is runner work left.
    /// </summary>
    private static async Task WaitUntilIdleAsync(RunnelServer server)
    {
        while (await server.MetricAsync("runnel_due_backlog") > 0 || await server.MetricAsync("runnel_runner_in_flight") > 0)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Replies "1" from conversations <paramref name="first"/> … first+count-1 at the rate of the options, then waits for
    /// their next messages (at most <see cref="Deadline"/> after the last reply was sent).
    /// </summary>
    private static async Task<ReplyRun> RepliesAsync(RunnelServer server, SmsReceiver receiver, byte[] secret,
        BenchOptions options, int first, int count)
    {
        var sentAt = new long[count];
        var answeredBefore = receiver.CountOf(Answer);
        var clockStart = Stopwatch.GetTimestamp();
        using var sampling = new CancellationTokenSource();
        var maxBacklog = MaxSampledAsync(server, "runnel_due_backlog", sampling.Token);
        LoadResult inbound;
        using (var load = new LoadGenerator(server.BaseAddress, options.Connections))
        {
            inbound = await load.RunAsync(i =>
            {
                var request = Reply(first + i, secret);
                sentAt[i] = Stopwatch.GetTimestamp();
                return request;
            }, count: count, rate: options.SmsRate);
        }

        var lastSent = Stopwatch.GetTimestamp();
        while (receiver.CountOf(Answer) - answeredBefore < inbound.Count(200) && Stopwatch.GetElapsedTime(lastSent) < Deadline)
        {
            await Task.Delay(20);
        }

        await sampling.CancelAsync();
        var window = Stopwatch.GetElapsedTime(clockStart).TotalSeconds;
        var latencies = new double[count];
        var lastArrival = sentAt[0];
        for (var i = 0; i < count; i++)
        {
            latencies[i] = double.NaN;
            if (receiver.ArrivedAt(Phone(first + i), Answer) is { } arrived)
            {
                latencies[i] = Stopwatch.GetElapsedTime(sentAt[i], arrived).TotalMilliseconds;
                lastArrival = Math.Max(lastArrival, arrived);
            }
        }

        return new ReplyRun(inbound, sentAt, latencies, Stopwatch.GetElapsedTime(sentAt[0], lastArrival).TotalSeconds,
            window, await maxBacklog);
    }

    /// <summary>Reply "1" from conversation i's number, signed as the generic provider signs (Standard Webhooks).</summary>
    private static HttpRequestMessage Reply(long i, byte[] secret)
    {
        var id = $"bench-reply-{i}";
        var body = $$"""{"from":"{{Phone(i)}}","to":"{{From}}","text":"1","message_id":"{{id}}"}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/sms/generic")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + signature);
        return request;
    }

    /// <summary>
    /// Where the time went, from a sample of timelines: the <c>reply_received</c> entry carries the clock reading of the
    /// runner round that routed the reply, so it splits each latency into inbound write + runner wake-up, and runner
    /// commit + SMS pump + provider call. Both are this machine's wall clock (millisecond resolution).
    /// </summary>
    private static async Task BreakdownAsync(RunnelApi api, Report report, string flowId, List<string> memberIds,
        ReplyRun run, SmsReceiver receiver)
    {
        // Wall-clock time of a Stopwatch timestamp.
        var now = Stopwatch.GetTimestamp();
        var wallNow = DateTimeOffset.UtcNow;
        DateTimeOffset Wall(long timestamp) => wallNow - Stopwatch.GetElapsedTime(timestamp, now);
        var toRunner = new List<double>();
        var toProvider = new List<double>();
        var step = Math.Max(1, run.SentAt.Length / TimelineSample);
        for (var i = 0; i < run.SentAt.Length; i += step)
        {
            var member = await api.MemberAsync(flowId, memberIds[i]);
            var routed = member["timeline"]!.AsArray()
                .FirstOrDefault(e => e!["type"]!.GetValue<string>() == "reply_received")?["at"]?.GetValue<string>();
            if (routed is null || receiver.ArrivedAt(Phone(i), Answer) is not { } arrived)
            {
                continue;
            }

            var at = DateTimeOffset.Parse(routed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            toRunner.Add((at - Wall(run.SentAt[i])).TotalMilliseconds);
            toProvider.Add((Wall(arrived) - at).TotalMilliseconds);
        }

        report.Line($"breakdown over {toRunner.Count} sampled timelines: reply sent → runner round that routed it (reply_received.at) {Describe(toRunner)}; that round → next SMS at the provider {Describe(toProvider)}");
    }

    /// <summary>The largest value a server metric showed, read every 250 ms until <paramref name="ct"/> is cancelled.</summary>
    private static async Task<double> MaxSampledAsync(RunnelServer server, string metric, CancellationToken ct)
    {
        var max = 0.0;
        while (!ct.IsCancellationRequested)
        {
            max = Math.Max(max, await server.MetricAsync(metric));
            try
            {
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return max;
    }

    /// <summary>The values that are numbers, sorted.</summary>
    private static double[] Sorted(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static string Describe(IEnumerable<double> values)
    {
        var sorted = Sorted(values);
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {Stats.Percentile(sorted, 50):F0} ms, p99 {Stats.Percentile(sorted, 99):F0} ms, max {Stats.Percentile(sorted, 100):F0} ms");
    }

    /// <summary>The flow's completed count once it reaches <paramref name="expected"/>, or after 30 s.</summary>
    private static async Task<long> CompletedAsync(RunnelApi api, string flowId, long expected)
    {
        var clock = Stopwatch.StartNew();
        long completed;
        while ((completed = await api.StatAsync(flowId, "completed_count")) < expected && clock.Elapsed.TotalSeconds < 30)
        {
            await Task.Delay(200);
        }

        return completed;
    }

    /// <summary>
    /// One run of replies: the inbound webhooks' answers, when each reply was sent (Stopwatch timestamps), its latency to
    /// the next message (NaN when none came), seconds from the first reply to the last next message, seconds of the
    /// whole run including the wait, and the largest due backlog sampled.
    /// </summary>
    private sealed record ReplyRun(LoadResult Inbound, long[] SentAt, double[] LatencyMs, double Span, double Window,
        double MaxBacklog)
    {
        /// <summary>The p50 of each fifth of the replies in send order, as "a / b / c / d / e".</summary>
        public string Fifths()
        {
            var n = LatencyMs.Length;
            return string.Join(" / ", Enumerable.Range(0, 5).Select(f => Stats.Percentile(
                Sorted(LatencyMs[(n * f / 5)..(n * (f + 1) / 5)]), 50).ToString("F0", CultureInfo.InvariantCulture)));
        }
    }
}
