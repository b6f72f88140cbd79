using System.Net;

namespace Runnel.Client;

/// <summary>
/// The server answered with a non-2xx status; the members come from its problem document (RFC 9457 with Runnel's
/// <c>error_code</c>, <c>errors</c> and <c>missing</c>).
/// </summary>
public sealed class RunnelApiException : RunnelException
{
    /// <summary>Creates the exception from an answer's status and problem document.</summary>
    public RunnelApiException(HttpStatusCode statusCode, string? errorCode, string? title, string? detail,
        IReadOnlyList<RunnelProblem>? errors = null, IReadOnlyList<RunnelProblem>? missing = null,
        string? idempotencyKey = null)
        : base(MessageOf(statusCode, errorCode, title, detail))
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? [];
        Missing = missing ?? [];
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>The HTTP status, e.g. <see cref="HttpStatusCode.NotFound"/>.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The machine-readable error, one of <see cref="RunnelErrorCodes"/> (or a newer one); null when the
    /// answer was not a problem document.</summary>
    public string? ErrorCode { get; }

    /// <summary>The problem document's short summary.</summary>
    public string? Title { get; }

    /// <summary>The problem document's explanation of this occurrence.</summary>
    public string? Detail { get; }

    /// <summary>With <c>validation_failed</c>: every invalid member, by path.</summary>
    public IReadOnlyList<RunnelProblem> Errors { get; }

    /// <summary>With <c>flow_not_ready</c> and <c>email_not_ready</c>: everything that is missing, by path.</summary>
    public IReadOnlyList<RunnelProblem> Missing { get; }

    /// <summary>The <c>Idempotency-Key</c> a POST carried: calling again with it never repeats the change.</summary>
    public string? IdempotencyKey { get; }

    private static string MessageOf(HttpStatusCode status, string? code, string? title, string? detail)
    {
        var head = $"Runnel answered {(int)status}{(code is null ? "" : " " + code)}";
        var text = string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        return text.Length == 0 ? head + "." : $"{head}: {text}";
    }
}
