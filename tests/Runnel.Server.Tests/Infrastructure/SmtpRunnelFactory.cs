namespace Runnel.Server.Tests.Infrastructure;
/// <summary>A server that delivers through the accepting SMTP sink, with links under a public HTTPS URL.</summary>
public class SmtpRunnelFactory : RunnelFactory
{
    public const string PublicUrl = "https://runnel.example";

    public virtual SmtpSink Sink => SmtpSink.Accepting;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RUNNEL_SMTP_URL"] = Sink.Url,
        ["RUNNEL_PUBLIC_URL"] = PublicUrl,
    };
}
