namespace Runnel.Client.Tests.Infrastructure;

/// <summary>Passes every request on to the real network and records what was sent and what came back.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<Exchange> _exchanges = [];

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (_exchanges)
            {
                return [.. _exchanges];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        var response = await base.SendAsync(request, cancellationToken);
        lock (_exchanges)
        {
            _exchanges.Add(new Exchange(request.Method.Method, request.RequestUri!.PathAndQuery, key,
                response.StatusCode));
        }

        return response;
    }
}
