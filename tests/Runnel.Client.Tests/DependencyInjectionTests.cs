using Microsoft.Extensions.DependencyInjection;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

[Collection(SharedServer.Name)]
public sealed class DependencyInjectionTests(ServerFixture fixture)
{
    [Fact]
    public async Task AddRunnelClient_resolves_a_working_client_over_the_http_client_factory()
    {
        var recording = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddRunnelClient(o =>
            {
                o.ApiKey = RunnelServer.AdminKey;
                o.BaseUrl = fixture.Server.BaseUrl;
                o.MaxRetries = 1;
            })
            .ConfigurePrimaryHttpMessageHandler(() => recording);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<RunnelClient>();
        var settings = await client.Settings.GetAsync();

        Assert.False(string.IsNullOrEmpty(settings.Timezone));
        Assert.Equal("/v1/settings", Assert.Single(recording.Exchanges).PathAndQuery);
        Assert.NotSame(client, provider.GetRequiredService<RunnelClient>());
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(RunnelServiceCollectionExtensions.HttpClientName);
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }
}
