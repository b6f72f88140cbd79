namespace Runnel.Bench;

/// <summary>Flow definitions more than one benchmark uses.</summary>
public static class BenchFlows
{
    /// <summary>An api-triggered flow that parks every member in a 30-day wait: members that cost nothing until then.</summary>
    public const string Parked = """
        {"triggers":[{"type":"api"}],
         "steps":[{"step_id":"hold","type":"wait","duration_amount":30,"duration_unit":"days"}]}
        """;
}
