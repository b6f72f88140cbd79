using MimeKit;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// One of the real SMTP servers scripts/test.sh starts on loopback (scripts/smtp_sink.py): its port and the folder
/// where it stores each accepted message as a .eml file. Missing variables fail the test, never skip it.
/// </summary>
public sealed class SmtpSink(string portVariable, string folderVariable)
{
    /// <summary>Accepts everything except recipients starting with "reject" (550).</summary>
    public static readonly SmtpSink Accepting = new("RUNNEL_TEST_SMTP_PORT", "RUNNEL_TEST_SMTP_DIR");

    /// <summary>Answers 451 to the first two deliveries of each Message-ID, then accepts.</summary>
    public static readonly SmtpSink Flaky = new("RUNNEL_TEST_SMTP_FLAKY_PORT", "RUNNEL_TEST_SMTP_FLAKY_DIR");

    public int Port => int.Parse(Required(portVariable), System.Globalization.CultureInfo.InvariantCulture);

    public string Folder => Required(folderVariable);

    public string Url => $"smtp://127.0.0.1:{Port}";

    /// <summary>Every message the server accepted for <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Directory.GetFiles(Folder, "*.eml")
            .Select(path => (Path: path, Time: File.GetLastWriteTimeUtc(path)))
            .OrderBy(f => f.Time)
            .Select(f => MimeMessage.Load(f.Path))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run the tests through scripts/test.sh, which starts the loopback SMTP servers.");
}
