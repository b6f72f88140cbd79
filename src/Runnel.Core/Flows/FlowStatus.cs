namespace Runnel.Core.Flows;

/// <summary>Wire values: draft, active, paused, archived.</summary>
public enum FlowStatus
{
    Draft,
    Active,
    Paused,
    Archived,
}
