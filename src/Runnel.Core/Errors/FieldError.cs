namespace Runnel.Core.Errors;

/// <summary>One problem with one part of the input (or of a flow at activation), addressed by a JSON-style path.</summary>
public sealed record FieldError(string Path, string Message);
