namespace Runnel.Core.Errors;

/// <summary>A machine-readable error: the wire <c>error_code</c>, its HTTP status and a short human title.</summary>
public sealed record ErrorCode(string Code, int Status, string Title);
