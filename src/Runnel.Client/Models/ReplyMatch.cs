namespace Runnel.Client;

/// <summary>What a reply must be to take a <c>wait_for_reply</c> branch.</summary>
public sealed class ReplyMatch
{
    /// <summary><c>keyword</c>, <c>number</c>, <c>regex</c> or <c>any</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The keywords, numbers or patterns.</summary>
    public IList<string>? Values { get; set; }
}
