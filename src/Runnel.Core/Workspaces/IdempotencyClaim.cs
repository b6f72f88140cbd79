namespace Runnel.Core.Workspaces;
/// <summary>The decision on a keyed request, with the record it was made on and the writes a resumed run replays.</summary>
public sealed record IdempotencyClaim(
    IdempotencyOutcome Outcome,
    IdempotencyRecord? Record,
    IReadOnlyList<IdempotentWrite> Writes);
