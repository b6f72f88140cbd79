using System.Globalization;
using System.Text;

namespace Runnel.Core.Templates;

/// <summary>
/// A string writer that refuses to grow past <see cref="TemplateLimits.MaxOutputBytes"/> UTF-8 bytes: the write that
/// would cross the limit throws, and so does every later one, so an output bomb stops at the limit instead of
/// filling memory. Each write also checks the render's deadline.
/// </summary>
internal sealed class BoundedWriter(CancellationToken deadline) : TextWriter(CultureInfo.InvariantCulture)
{
    private readonly StringBuilder _text = new();
    private long _bytes;
    private bool _tripped;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Append([value]);

    public override void Write(string? value) => Append(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Append(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Append(buffer);

    // TextWriter's own async writes queue the write to the thread pool, and Fluid awaits them: a render blocked on
    // its result under load (many renders at once) then waits for a pool thread, past its deadline. Writing to
    // memory never needs to wait, so these complete at once.
    public override Task WriteAsync(char value) => Completed(() => Write(value));

    public override Task WriteAsync(string? value) => Completed(() => Write(value));

    public override Task WriteAsync(char[] buffer, int index, int count) =>
        Completed(() => Write(buffer, index, count));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        Completed(() => Write(buffer.Span));

    public override Task FlushAsync() => Task.CompletedTask;

    public override string ToString() => _text.ToString();

    private static Task Completed(Action write)
    {
        write();
        return Task.CompletedTask;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        deadline.ThrowIfCancellationRequested();
        if (_tripped)
        {
            throw Exceeded();
        }

        _bytes += Encoding.UTF8.GetByteCount(chars);
        if (_bytes > TemplateLimits.MaxOutputBytes)
        {
            _tripped = true;
            throw Exceeded();
        }

        _text.Append(chars);
    }

    private static TemplateLimitException Exceeded() =>
        new($"the output is larger than {TemplateLimits.MaxOutputBytes / 1024} KiB");
}
