using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// The real server, through the real ASP.NET pipeline, on a real database of the backend under test (a SQLite file in a
/// fresh folder, or a fresh PostgreSQL database: <see cref="TestBackend"/>). Tests share one server per class and
/// isolate themselves by creating their own workspace.
/// </summary>
public class RunnelFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "rk_secret_test_admin_key_0123456789";

    public RunnelFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "runnel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>The server's dev clock (RUNNEL_DEV_CLOCK=1), started at a fixed instant for reproducible runs.</summary>
    public FakeTimeProvider Clock => Services.GetRequiredService<FakeTimeProvider>();

    /// <summary>Extra settings for a test class's server (e.g. a low rate limit).</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RUNNEL_DATA_DIR", DataDirectory);
        builder.UseSetting("RUNNEL_ADMIN_KEY", AdminKey);
        builder.UseSetting("RUNNEL_DEV_CLOCK", "1");
        builder.UseSetting("RUNNEL_DEV_CLOCK_START", "2026-11-22T09:00:00Z");
        if (TestBackend.DatabaseFor(DataDirectory) is { } database)
        {
            builder.UseSetting("RUNNEL_DATABASE", database);
            builder.UseSetting("RUNNEL_SECRET_KEY", TestBackend.SecretKey);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Plain SQL on the server's database, as another program would write it; GUIDs bind as stored.</summary>
    public async Task<int> ExecuteSqlAsync(string sql, object? args = null)
    {
        await using var connection = TestBackend.Connect(DataDirectory);
        await connection.OpenAsync();
        return await connection.ExecuteAsync(sql, args);
    }

    /// <summary>The first column of the first row of a plain SQL query on the server's database.</summary>
    public async Task<T> QuerySqlAsync<T>(string sql, object? args = null)
    {
        await using var connection = TestBackend.Connect(DataDirectory);
        await connection.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient AdminClient() => ClientWithKey(AdminKey);

    /// <summary>
    /// A new workspace and a client holding its first secret key (scope <c>*</c>), with the admin client beside it for
    /// the server-wide calls (the dev clock).
    /// </summary>
    public async Task<WorkspaceClient> NewWorkspaceAsync(string name = "Test workspace", string? timezone = null)
    {
        using var admin = AdminClient();
        var response = await admin.PostAsJsonAsync("/v1/workspaces", new { name, timezone });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = body["api_key"]!.GetValue<string>();
        return new WorkspaceClient(Guid.Parse(body["id"]!.GetValue<string>()), key, ClientWithKey(key), AdminClient());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestBackend.Release(DataDirectory);
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by SQLite's pool; the OS temp cleaner will have it.
            }
        }
    }
}
