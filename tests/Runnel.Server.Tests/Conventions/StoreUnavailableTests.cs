using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runnel.Core.Diagnostics;
using Runnel.Core.Storage;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Storage;
using Runnel.Storage.Sqlite;

namespace Runnel.Server.Tests.Conventions;

/// <summary>
/// A database out of reach is a retryable <c>503 unavailable</c> with <c>Retry-After</c>, never a 500, and a keyed
/// request refused that way runs when repeated. On PostgreSQL the server gets a pool of two connections (one is the
/// LISTEN connection) and the test holds the other in a long read, so the request finds the pool exhausted; on SQLite
/// another program holds the file's write lock past a one-second busy timeout.
/// </summary>
public sealed class StoreUnavailableTests
{
    // Bounds the wait for the test's own read to take its connection; not a sleep.
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_write_while_the_database_is_out_of_reach_answers_503_with_retry_after_and_runs_when_repeated()
    {
        await using var factory = new Factory();
        using var workspace = await factory.NewWorkspaceAsync();
        HttpRequestMessage Upsert()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/contacts")
            {
                Content = JsonContent.Create(new { email = "pool@example.com" }),
            };
            request.Headers.Add("Idempotency-Key", "pool-exhausted-1");
            return request;
        }

        await using (await HoldAsync(factory))
        {
            using var refused = await workspace.Http.SendAsync(Upsert());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("unavailable", problem["error_code"]!.GetValue<string>());
            Assert.Equal(503, problem["status"]!.GetValue<int>());
        }

        // The 503 was not recorded as the key's answer: the repeat runs the request.
        using var repeated = await workspace.Http.SendAsync(Upsert());
        Assert.Equal(HttpStatusCode.Created, repeated.StatusCode);
        Assert.False(repeated.Headers.Contains("Idempotent-Replayed"));

        var records = factory.Logs.Records;
        Assert.Contains(records, r => r.EventId.Id == RunnelEventId.Storage.StoreUnavailable
            && r.Level == LogLevel.Warning);
        Assert.DoesNotContain(records, r => r.EventId.Id == RunnelEventId.Hosting.UnhandledError);
        Assert.True(factory.Services.GetRequiredService<SqlStatements>().Unavailable >= 1);
        using var anonymous = factory.CreateClient();
        Assert.Matches(@"(?m)^runnel_store_unavailable_total [1-9]", await anonymous.GetStringAsync("/metrics"));
    }

    /// <summary>Makes the server's database unavailable to requests until disposed.</summary>
    private static async Task<IAsyncDisposable> HoldAsync(Factory factory)
    {
        if (!TestBackend.IsPostgres)
        {
            var other = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
            other.Open();
            other.Execute("BEGIN IMMEDIATE");
            return new Release(() =>
            {
                other.Execute("ROLLBACK");
                other.Dispose();
                return Task.CompletedTask;
            });
        }

        var store = factory.Services.GetRequiredService<IRunnelStore>();
        var taken = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var holder = Task.Run(async () =>
        {
            // A background loop may hold the connection for a moment: try again until this read has it.
            while (true)
            {
                try
                {
                    return await store.ReadAsync(_ =>
                    {
                        taken.Set();
                        release.Wait();
                        return Task.FromResult(0);
                    });
                }
                catch (StoreUnavailableException) when (!taken.IsSet)
                {
                }
            }
        });
        Assert.True(taken.Wait(HoldTimeout));
        return new Release(async () =>
        {
            release.Set();
            await holder;
            taken.Dispose();
            release.Dispose();
        });
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }

    private sealed class Factory : RunnelFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        public string DatabasePath => Path.Combine(DataDirectory, "runnel.db");

        protected override IDictionary<string, string> Settings => TestBackend.DatabaseFor(DataDirectory) is { } postgres
            ? new Dictionary<string, string> { ["RUNNEL_DATABASE"] = postgres + ";Maximum Pool Size=2;Timeout=1" }
            : new Dictionary<string, string>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
            if (!TestBackend.IsPostgres)
            {
                // The server's own SQLite store, with a busy timeout of one second instead of thirty.
                builder.ConfigureTestServices(services => services.AddSingleton(new StoreFactory(sp =>
                    new SqliteStore(DatabasePath, null, sp.GetRequiredService<SqlStatements>(),
                        sp.GetRequiredService<ILogger<SqliteStore>>(), TimeSpan.FromSeconds(1)))));
            }
        }
    }
}
