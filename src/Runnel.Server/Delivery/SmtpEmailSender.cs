using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using MimeKit.Cryptography;
using Runnel.Core.Delivery;
using Runnel.Core.Members;

namespace Runnel.Server.Delivery;

/// <summary>
/// Turns an outbox row into MIME and hands it to the SMTP server over a pooled connection, DKIM-signing it when a
/// key is configured. The Message-ID is the row's stable one, so a resend after a crash is the same message.
/// </summary>
public sealed class SmtpEmailSender(SmtpConnectionPool pool, TimeProvider time, DkimSigner? dkim) : IEmailSender
{
    /// <summary>One send per pooled connection.</summary>
    public int Concurrency => SmtpConnectionPool.Size;

    /// <summary>
    /// The headers DKIM covers: those a forger would change, plus the RFC 8058 pair, which receivers honour only
    /// when a signature covers them.
    /// </summary>
    private static readonly string[] SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "Reply-To", "List-Unsubscribe", "List-Unsubscribe-Post",
        "MIME-Version", "Content-Type",
    ];

    public async Task<(SendOutcome Outcome, string? Error)> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        MimeMessage mime;
        try
        {
            mime = Build(message);
        }
        catch (Exception error) when (error is ParseException or ArgumentException)
        {
            return (SendOutcome.Permanent, $"The message cannot be built: {error.Message}");
        }

        SmtpClient client;
        try
        {
            client = await pool.RentAsync(ct);
        }
        catch (Exception error) when (IsTransport(error))
        {
            return (SendOutcome.Transient, $"Connecting to the SMTP server failed: {error.Message}");
        }

        try
        {
            await client.SendAsync(mime, ct);
            pool.Return(client);
            return (SendOutcome.Sent, null);
        }
        catch (SmtpCommandException error)
        {
            // A refused command leaves the session usable (the client resets it), but a fresh one is cheap and safe.
            SmtpConnectionPool.Discard(client);
            var code = (int)error.StatusCode;
            var text = $"{code} {error.Message}".Trim();
            return (code >= 500 ? SendOutcome.Permanent : SendOutcome.Transient, text);
        }
        catch (Exception error) when (IsTransport(error))
        {
            SmtpConnectionPool.Discard(client);
            return (SendOutcome.Transient, $"Sending failed: {error.Message}");
        }
    }

    public MimeMessage Build(OutboundMessage m)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(m.FromName ?? "", m.FromEmail ?? throw new ArgumentException("The message has no from address.")));
        mime.To.Add(MailboxAddress.Parse(m.To));
        if (m.ReplyTo is { Length: > 0 } replyTo)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        mime.Subject = m.Subject ?? "";
        mime.Date = time.GetUtcNow();
        foreach (var (name, value) in m.Headers)
        {
            if (string.Equals(name, "Message-ID", StringComparison.OrdinalIgnoreCase))
            {
                mime.MessageId = MessageIds.Bare(value);
            }
            else
            {
                mime.Headers.Add(name, value);
            }
        }

        mime.Body = new BodyBuilder { HtmlBody = m.Html, TextBody = m.Text }.ToMessageBody();
        if (dkim is not null)
        {
            // Signing covers the bytes as sent: fix the transfer encodings first so nothing re-encodes afterwards.
            mime.Prepare(EncodingConstraint.SevenBit);
            dkim.Sign(mime, SignedHeaders.Where(h => mime.Headers.Contains(h)).ToArray());
        }

        return mime;
    }

    /// <summary>Failures of the connection or the session rather than of the message: retried later.</summary>
    private static bool IsTransport(Exception error) =>
        error is IOException or System.Net.Sockets.SocketException or SmtpProtocolException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or TimeoutException
            or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException
            or System.Security.Authentication.AuthenticationException or OperationCanceledException;
}
