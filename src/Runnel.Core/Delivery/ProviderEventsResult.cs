namespace Runnel.Core.Delivery;
/// <summary>How many reports named a message of this workspace, and how many named none.</summary>
public sealed record ProviderEventsResult(int Matched, int Unmatched);
