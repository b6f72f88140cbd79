namespace Runnel.Core.Interpreter;

/// <summary>Retry schedule for failing steps: 30 s, 2 min, 8 min, 32 min, then the member fails.</summary>
public static class Backoff
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 5;

    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);

    /// <summary>The delay before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failures.</summary>
    public static TimeSpan After(int attempt) => Base * Math.Pow(4, Math.Max(0, attempt - 1));
}
