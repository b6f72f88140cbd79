namespace Runnel.Client;

/// <summary>Values of <see cref="Email.Status"/>.</summary>
public static class EmailStatuses
{
    /// <summary><c>draft</c>: not approved yet.</summary>
    public const string Draft = "draft";

    /// <summary><c>approved</c>: approved; sends use it.</summary>
    public const string Approved = "approved";
}
