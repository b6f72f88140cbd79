using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Durability;

/// <summary>Acknowledged writes survive SIGKILL of a real server process (DESIGN.md durability model).</summary>
public sealed class KillTests : IDisposable
{
    private readonly TempFolder _folder = new("runnel-kill");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9_during_a_write_storm()
    {
        await using var server = new ServerProcess(_folder.Path);
        await server.StartAsync();
        using var admin = server.Client();
        var workspace = (await (await admin.PostAsJsonAsync("/v1/workspaces", new { name = "durable" }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var key = workspace["api_key"]!.GetValue<string>();
        using var client = server.Client(key);

        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(async w =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync("/v1/secrets",
                        new { name = $"s_{w}_{i}", value = "v" }, stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add($"s_{w}_{i}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    return;
                }
            }
        }).ToArray();

        while (acknowledged.Count < 300)
        {
            await Task.Delay(10);
        }

        await server.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await server.StartAsync();
        using var after = server.Client(key);
        var stored = (await after.GetFromJsonAsync<JsonObject>("/v1/secrets"))!["secrets"]!.AsArray()
            .Select(s => s!["name"]!.GetValue<string>()).ToHashSet();
        var lost = acknowledged.Where(name => !stored.Contains(name)).ToArray();
        Assert.True(lost.Length == 0, $"{lost.Length} of {acknowledged.Count} acknowledged writes were lost");
        Assert.True(stored.Count >= acknowledged.Count);
    }
}
