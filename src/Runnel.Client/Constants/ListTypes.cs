namespace Runnel.Client;

/// <summary>Values of <see cref="ContactList.Type"/>.</summary>
public static class ListTypes
{
    /// <summary><c>static</c>: holds contacts explicitly.</summary>
    public const string Static = "static";

    /// <summary><c>dynamic</c>: holds whoever matches its rules.</summary>
    public const string Dynamic = "dynamic";
}
