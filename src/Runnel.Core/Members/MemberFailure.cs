namespace Runnel.Core.Members;

/// <summary>Why a member failed: the step, the last error and how many attempts were made.</summary>
public sealed record MemberFailure(string StepId, string Error, int Attempts);
