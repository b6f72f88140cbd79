using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runnel.Core.Diagnostics;
using Runnel.Core.Pages;
using Runnel.Server.Engine.Webhooks;
using Runnel.Server.Hosting;

namespace Runnel.Server.Engine.Pages;

/// <summary>
/// Calls <c>RUNNEL_PAGE_GENERATOR_URL</c> for scratch pages: <c>POST {prompt, contact, context}</c> as JSON through
/// the webhooks' <see cref="GuardedConnector"/> (the dialled address is SSRF-checked, redirects are not followed,
/// RUNNEL_WEBHOOK_ALLOW_HOSTS allows named private targets), 15 s per call. A 2xx JSON answer with a string
/// <c>html</c> of at most 256 KiB is the page; anything else is a failure the step retries.
/// </summary>
public sealed class PageGenerator(RunnelOptions options, GuardedConnector connector, ILogger<PageGenerator> logger)
    : IPageGenerator, IDisposable
{
    /// <summary>Answers larger than this are refused without being read whole.</summary>
    private const int MaxAnswerBytes = 2 * PageHtml.MaxLength + 64 * 1024;

    private readonly HttpClient _client = new(connector.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    public bool Enabled => options.PageGeneratorUrl is not null;

    public async Task<PageGeneratorAnswer> GenerateAsync(PageGenerationRequest request,
        CancellationToken cancellationToken)
    {
        var answer = await CallAsync(request, cancellationToken);
        if (answer.Error is { } error)
        {
            logger.PageGeneratorFailed(request.MemberId, request.StepId, error);
        }

        return answer;
    }

    private async Task<PageGeneratorAnswer> CallAsync(PageGenerationRequest request, CancellationToken cancellationToken)
    {
        if (options.PageGeneratorUrl is not { } url)
        {
            return PageGeneratorAnswer.Failed("No page generator is configured.");
        }

        var body = new JsonObject
        {
            ["prompt"] = request.Prompt,
            ["contact"] = request.Contact.DeepClone(),
            ["context"] = request.Context.DeepClone(),
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.UserAgent.ParseAdd("Runnel-Pages/1");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Webhooks.WebhookSender.AttemptTimeout);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead,
                timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return PageGeneratorAnswer.Failed($"The generator answered {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                return PageGeneratorAnswer.Failed("The generator's answer is too large.");
            }

            var bytes = await ReadBoundedAsync(response, timeout.Token);
            if (bytes is null)
            {
                return PageGeneratorAnswer.Failed("The generator's answer is too large.");
            }

            return Parse(bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PageGeneratorAnswer.Failed(
                $"No answer within {Webhooks.WebhookSender.AttemptTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException error) when (Webhooks.WebhookSender.Blocked(error) is { } blocked)
        {
            return PageGeneratorAnswer.Failed($"Blocked: {blocked.Message}.");
        }
        catch (HttpRequestException error)
        {
            return PageGeneratorAnswer.Failed(error.Message);
        }
    }

    private static PageGeneratorAnswer Parse(byte[] bytes)
    {
        try
        {
            if (JsonNode.Parse(bytes) is JsonObject answer && answer["html"] is JsonValue value
                && value.GetValueKind() == JsonValueKind.String)
            {
                var html = value.GetValue<string>();
                return html.Length switch
                {
                    0 => PageGeneratorAnswer.Failed("The generator answered an empty html."),
                    > PageHtml.MaxLength => PageGeneratorAnswer.Failed(
                        $"The generator's html is larger than {PageHtml.MaxLength} characters."),
                    _ => new PageGeneratorAnswer(html, null),
                };
            }
        }
        catch (JsonException)
        {
        }

        return PageGeneratorAnswer.Failed("The generator's answer is not a JSON object with a string html.");
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public void Dispose() => _client.Dispose();
}
