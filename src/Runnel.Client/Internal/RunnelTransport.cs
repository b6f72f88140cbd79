using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Runnel.Client;

/// <summary>
/// Sends one call: the request is built afresh for each attempt, retried with exponential backoff and jitter on the
/// answers and failures that are safe to retry, and its POSTs carry one idempotency key across every attempt.
/// </summary>
internal sealed class RunnelTransport
{
    // Backoff doubles from half a second and is capped so a call with the default two retries waits at most ~1.5 s
    // between attempts (unless the server asks for longer with Retry-After).
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    // A Retry-After longer than this is not waited for: the call fails with the 429 and the caller decides.
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private static readonly string UserAgent =
        $"runnel-dotnet/{typeof(RunnelTransport).Assembly.GetName().Version?.ToString(3) ?? "0"}";

    private readonly HttpClient _http;
    private readonly RunnelClientOptions _options;
    private readonly Uri _baseUrl;
    private readonly TimeProvider _time;

    public RunnelTransport(HttpClient http, RunnelClientOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
        var text = options.BaseUrl.ToString();
        _baseUrl = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    public async Task<T> SendAsync<T>(RunnelRoute route, string path, object? body, JsonTypeInfo<T> answer,
        RequestOptions? options, CancellationToken ct)
    {
        var response = await SendRawAsync(route, path, body, options, ct);
        return response.Body.Length == 0
            ? throw new RunnelApiException(response.Status, null, "Empty answer", $"{route.Method} {route.Template} " +
                "answered without a body.")
            : JsonSerializer.Deserialize(response.Body, answer)
              ?? throw new RunnelApiException(response.Status, null, "Empty answer", "The answer was JSON null.");
    }

    public async Task SendAsync(RunnelRoute route, string path, object? body, RequestOptions? options,
        CancellationToken ct)
    {
        _ = await SendRawAsync(route, path, body, options, ct);
    }

    public async Task<RunnelPage<T>> ListAsync<T>(RunnelRoute route, string path, string query,
        JsonTypeInfo<List<T>> items, CancellationToken ct)
    {
        var response = await SendRawAsync(route, path + query, null, null, ct);
        var root = JsonNode.Parse(response.Body) as JsonObject
                   ?? throw new RunnelApiException(response.Status, null, "Unexpected answer", "Not a JSON object.");
        var list = root[route.ListKey!] is { } node ? node.Deserialize(items) ?? [] : [];
        var pagination = root["pagination"] is { } p
            ? p.Deserialize(RunnelJsonContext.Default.Pagination) ?? new Pagination()
            : new Pagination { Page = 1, Limit = list.Count, Total = list.Count, TotalPages = 1 };
        return new RunnelPage<T>(list, pagination);
    }

    public async IAsyncEnumerable<T> ListAllAsync<T>(RunnelRoute route, string path, ListRequest? request,
        JsonTypeInfo<List<T>> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        request ??= new ListRequest();
        var page = request.Page ?? 1;
        while (true)
        {
            var result = await ListAsync(route, path, request.ToQuery(page), items, ct);
            foreach (var item in result.Items)
            {
                yield return item;
            }

            if (!result.HasMore || result.Items.Count == 0)
            {
                yield break;
            }

            page = result.Pagination.Page + 1;
        }
    }

    private async Task<Answer> SendRawAsync(RunnelRoute route, string path, object? body, RequestOptions? options,
        CancellationToken ct)
    {
        byte[]? content = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, route.Request!);
        var isPost = route.Method == "POST";
        var idempotencyKey = isPost ? options?.IdempotencyKey ?? Guid.NewGuid().ToString() : null;
        var uri = new Uri(_baseUrl, path.TrimStart('/'));

        for (var attempt = 0; ; attempt++)
        {
            var last = attempt >= _options.MaxRetries;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (_options.Timeout != Timeout.InfiniteTimeSpan)
            {
                timeout.CancelAfter(_options.Timeout);
            }

            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.UserAgent.ParseAdd(UserAgent);
                if (idempotencyKey is not null)
                {
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                }

                if (content is not null)
                {
                    request.Content = new ByteArrayContent(content);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }
                else if (isPost)
                {
                    // An action with no options still sends a JSON body, so the call's key always has one to match.
                    request.Content = new ByteArrayContent("{}"u8.ToArray());
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead,
                    timeout.Token);
                var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return new Answer(response.StatusCode, bytes);
                }

                var error = Problem(response.StatusCode, response.ReasonPhrase, bytes, idempotencyKey);
                if (last || !IsRetryable(response.StatusCode, error.ErrorCode))
                {
                    throw error;
                }

                retryAfter = RetryAfter(response);
                if (retryAfter > MaxRetryAfter)
                {
                    throw error;
                }
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                if (last)
                {
                    throw new RunnelTimeoutException(
                        $"{route.Method} {path} had no answer within {_options.Timeout.TotalSeconds:0.###} s " +
                        $"({attempt + 1} attempt{(attempt == 0 ? "" : "s")}).", e);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // HttpRequestException: no answer (refused, reset, DNS). IOException: the answer broke off mid-body.
                if (last)
                {
                    throw new RunnelConnectionException(
                        $"{route.Method} {path} failed without a whole answer from {_baseUrl} " +
                        $"({attempt + 1} attempt{(attempt == 0 ? "" : "s")}): {Reason(e)}", e);
                }
            }

            await Task.Delay(retryAfter ?? Backoff(attempt), _time, ct);
        }
    }

    private static bool IsRetryable(HttpStatusCode status, string? errorCode) =>
        (int)status >= 500
        || status == HttpStatusCode.TooManyRequests
        || (status == HttpStatusCode.Conflict && errorCode == RunnelErrorCodes.IdempotencyKeyInUse);

    /// <summary>Exponential backoff with jitter: a random wait in the upper half of the doubled delay.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero
            ? wait : TimeSpan.Zero : null;
    }

    private static string Reason(Exception e) => e.InnerException switch
    {
        SocketException s => s.SocketErrorCode.ToString(),
        IOException io => io.Message,
        _ => e.Message,
    };

    private static RunnelApiException Problem(HttpStatusCode status, string? reason, byte[] body,
        string? idempotencyKey)
    {
        ProblemDocument? problem = null;
        try
        {
            problem = body.Length == 0 ? null : JsonSerializer.Deserialize(body, RunnelJsonContext.Default.ProblemDocument);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status and the text are all there is.
        }

        if (problem is null)
        {
            var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 500));
            return new RunnelApiException(status, null, reason ?? ((int)status).ToString(CultureInfo.InvariantCulture),
                text.Length == 0 ? null : text, idempotencyKey: idempotencyKey);
        }

        return new RunnelApiException(status, problem.ErrorCode, problem.Title, problem.Detail, problem.Errors,
            problem.Missing, idempotencyKey);
    }

    private readonly record struct Answer(HttpStatusCode Status, byte[] Body);
}
