namespace Runnel.Core.Triggers;

/// <summary>
/// RUNNEL_TRIGGER_DISPATCH: off leaves trigger events queued (durably) without enrolling anyone — for maintenance,
/// and for the crash test that shows queued events survive a restart.
/// </summary>
public sealed record TriggerDispatchOptions(bool Enabled);
