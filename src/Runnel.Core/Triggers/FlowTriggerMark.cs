namespace Runnel.Core.Triggers;
/// <summary>Since when a flow listens for trigger events: the last sequence number and time at its activation.</summary>
public sealed record FlowTriggerMark(long AfterSeq, DateTimeOffset ActiveSince);
