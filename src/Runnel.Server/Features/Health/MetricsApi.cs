using System.Globalization;
using System.Text;
using Runnel.Core.Diagnostics;
using Runnel.Core.Members;
using Runnel.Core.Services;
using Runnel.Storage;

namespace Runnel.Server.Features.Health;

/// <summary>API.md §14: <c>GET /metrics</c> in the Prometheus text format.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", WriteAsync).WithTags("Operations");
        return app;
    }

    private static async Task<IResult> WriteAsync(RuntimeMetrics metrics, SqlStatements statements, MemberService members,
        TimeProvider time, CancellationToken ct)
    {
        var (backlog, oldest) = await members.DueBacklogAsync(ct);
        var now = time.GetUtcNow();
        var lag = oldest is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0;
        var text = new StringBuilder();
        Metric(text, "runnel_enrollments_total", "counter", "Memberships started.", metrics.Enrollments);
        Metric(text, "runnel_steps_executed_total", "counter", "Flow steps executed.", metrics.StepsExecuted);
        Metric(text, "runnel_messages_queued_total", "counter", "Messages written to the outbox.", metrics.MessagesQueued);
        Metric(text, "runnel_stale_writes_total", "counter",
            "Runner results refused because the member changed, or another node claimed it, since this node read it.",
            metrics.StaleWrites);
        Metric(text, "runnel_runner_in_flight", "gauge", "Members this node has claimed and not yet committed.",
            metrics.InFlight);
        Metric(text, "runnel_due_backlog", "gauge", "Running members due now and not yet run.", backlog);
        Metric(text, "runnel_timer_lag_seconds", "gauge", "How late the oldest due member is.", lag);
        Metric(text, "runnel_sql_statements_total", "counter", "SQL statements sent to the database (with transaction control).",
            statements.Total);
        Metric(text, "runnel_store_commits_total", "counter",
            "Write transactions committed (group commit folds many writes into one).", statements.Commits);
        Metric(text, "runnel_store_write_retries_total", "counter",
            "Writes run again after clashing with a concurrent transaction (PostgreSQL).", statements.Retries);
        Metric(text, "runnel_store_unavailable_total", "counter",
            "Reads and writes refused because the database was unavailable (no connection, locked); answered 503.",
            statements.Unavailable);
        return TypedResults.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    private static void Metric(StringBuilder text, string name, string type, string help, double value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }
}
