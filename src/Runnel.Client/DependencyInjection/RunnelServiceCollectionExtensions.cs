using Microsoft.Extensions.Options;
using Runnel.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="RunnelClient"/> with <see cref="IHttpClientFactory"/>.</summary>
public static class RunnelServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the factory makes for Runnel.</summary>
    public const string HttpClientName = "Runnel.Client";

    /// <summary>
    /// Registers <see cref="RunnelClient"/> (transient, over a factory-made <see cref="HttpClient"/> whose handlers are
    /// pooled and recycled) and <see cref="RunnelClientOptions"/>. Returns the client's builder, to add handlers.
    /// </summary>
    /// <example><c>services.AddRunnelClient(o =&gt; o.ApiKey = config["Runnel:ApiKey"]!);</c></example>
    public static IHttpClientBuilder AddRunnelClient(this IServiceCollection services,
        Action<RunnelClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RunnelClientOptions>().Configure(configure);
        services.AddTransient(provider => new RunnelClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<RunnelClientOptions>>().Value));
        // The SDK times each attempt itself (RunnelClientOptions.Timeout); the factory's 100 s default would cut
        // across its retries.
        return services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
