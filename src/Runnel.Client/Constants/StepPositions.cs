namespace Runnel.Client;

/// <summary>Values of <see cref="InsertStepRequest.Position"/>.</summary>
public static class StepPositions
{
    /// <summary><c>start</c>: before every step.</summary>
    public const string Start = "start";

    /// <summary><c>end</c>: after every step (the default).</summary>
    public const string End = "end";
}
