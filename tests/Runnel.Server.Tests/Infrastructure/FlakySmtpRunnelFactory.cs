namespace Runnel.Server.Tests.Infrastructure;
/// <summary>A server whose SMTP server refuses each message twice with 451 before accepting it.</summary>
public sealed class FlakySmtpRunnelFactory : SmtpRunnelFactory
{
    public override SmtpSink Sink => SmtpSink.Flaky;
}
