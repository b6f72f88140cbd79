namespace Runnel.Server.Hosting;

/// <summary>The scopes an endpoint needs (one entry per <c>RequireScope</c> call: a group's and the endpoint's own).</summary>
public sealed record RequiredScopes(IReadOnlyList<string> Scopes);
