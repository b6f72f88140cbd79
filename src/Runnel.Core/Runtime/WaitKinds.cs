namespace Runnel.Core.Runtime;

/// <summary>
/// What a waiting member waits for. Stored with the member so a change to a contact can wake exactly its condition
/// waits without touching timed ones.
/// </summary>
public static class WaitKinds
{
    public const string Duration = "duration";
    public const string Date = "date";
    public const string Condition = "condition";
}
