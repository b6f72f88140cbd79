namespace Runnel.Server.Delivery.Sms;

/// <summary>Shared reading of provider answers.</summary>
public static class SmsHttp
{
    /// <summary>The answer's <c>Retry-After</c>, as seconds or as a date (relative to the answer's own Date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? DateTimeOffset.UtcNow),
        _ => null,
    };
}
