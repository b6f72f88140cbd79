using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Delivery;

/// <summary>DKIM signing from configuration: the received message verifies and the signature covers List-Unsubscribe.</summary>
public sealed class DkimTests(DkimTests.DkimRunnelFactory factory) : IClassFixture<DkimTests.DkimRunnelFactory>
{
    public sealed class DkimRunnelFactory : SmtpRunnelFactory
    {
        public DkimRunnelFactory()
        {
            Key.ImportFromPem(File.ReadAllText(WriteKey()));
        }

        public RSA Key { get; } = RSA.Create(2048);

        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["RUNNEL_DKIM_DOMAIN"] = "runnel.test",
            ["RUNNEL_DKIM_SELECTOR"] = "s1",
            ["RUNNEL_DKIM_KEY_FILE"] = Path.Combine(DataDirectory, "dkim.pem"),
        };

        private string WriteKey()
        {
            var path = Path.Combine(DataDirectory, "dkim.pem");
            if (!File.Exists(path))
            {
                using var rsa = RSA.Create(2048);
                File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
            }

            return path;
        }
    }

    /// <summary>Answers the DKIM public key lookup from the key the test generated, instead of DNS.</summary>
    private sealed class TestKeyLocator(RSA key) : DkimPublicKeyLocatorBase
    {
        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain,
            string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey($"v=DKIM1; k=rsa; p={Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())}");

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods,
            string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    [Fact]
    public async Task Marketing_mail_is_dkim_signed_over_the_unsubscribe_headers_and_verifies()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.OneEmailFlowAsync();
        var to = $"dkim-{Guid.NewGuid():N}@example.com";
        await ws.TriggerAsync(flowId, new { email = to });
        await ws.AdvanceAsync(TimeSpan.Zero);

        var message = Assert.Single(factory.Sink.MessagesTo(to));
        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        Assert.True(index >= 0, "no DKIM-Signature header");
        var signature = message.Headers[index];
        Assert.Contains("d=runnel.test", signature.Value, StringComparison.Ordinal);
        Assert.Contains("s=s1", signature.Value, StringComparison.Ordinal);
        var signedHeaders = signature.Value.Split(';').Select(p => p.Trim())
            .First(p => p.StartsWith("h=", StringComparison.Ordinal))[2..].ToLowerInvariant();
        Assert.Contains("list-unsubscribe", signedHeaders, StringComparison.Ordinal);
        Assert.Contains("list-unsubscribe-post", signedHeaders, StringComparison.Ordinal);

        var verifier = new DkimVerifier(new TestKeyLocator(factory.Key));
        Assert.True(await verifier.VerifyAsync(message, signature));
    }
}
