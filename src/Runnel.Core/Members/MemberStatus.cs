namespace Runnel.Core.Members;

/// <summary>
/// Wire values. <c>active</c>: due to run (or running); <c>waiting</c>: parked in a wait until woken;
/// the other three are final.
/// </summary>
public enum MemberStatus
{
    Active,
    Waiting,
    Completed,
    Dropped,
    Failed,
}
