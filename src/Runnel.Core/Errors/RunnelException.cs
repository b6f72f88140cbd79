namespace Runnel.Core.Errors;

/// <summary>
/// A domain error with a wire error code. The HTTP edge turns it into a problem document; nothing else catches it
/// except to add context.
/// </summary>
public sealed class RunnelException : Exception
{
    public RunnelException(ErrorCode code, string? detail = null, IReadOnlyList<FieldError>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail ?? code.Title)
    {
        Code = code;
        Detail = detail;
        Errors = errors;
        Extensions = extensions;
    }

    public ErrorCode Code { get; }

    public string? Detail { get; }

    /// <summary>Field problems for <c>validation_failed</c>, or the <c>missing</c> list of a not-ready answer.</summary>
    public IReadOnlyList<FieldError>? Errors { get; }

    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    public static RunnelException NotFound(ErrorCode code) => new(code);

    public static RunnelException Invalid(string path, string message) =>
        new(ErrorCodes.ValidationFailed, message, [new FieldError(path, message)]);

    /// <summary>An error whose problem list is published as <c>missing</c> (not-ready answers).</summary>
    public static RunnelException NotReady(ErrorCode code, IReadOnlyList<FieldError> missing) =>
        new(code, missing.Count == 1 ? "1 problem" : $"{missing.Count} problems", missing);
}
