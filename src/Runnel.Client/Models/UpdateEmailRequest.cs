namespace Runnel.Client;

/// <summary>Changes to an email; editing an approved email makes a new draft revision.</summary>
public sealed class UpdateEmailRequest
{
    /// <summary>The name.</summary>
    public string? Name { get; set; }

    /// <summary>The Liquid subject.</summary>
    public string? Subject { get; set; }

    /// <summary>The preheader.</summary>
    public string? Preheader { get; set; }

    /// <summary>The sender's name.</summary>
    public string? FromName { get; set; }

    /// <summary>The sender's address.</summary>
    public string? FromEmail { get; set; }

    /// <summary>The reply-to address.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>The Liquid HTML body.</summary>
    public string? Html { get; set; }

    /// <summary>The Liquid text body.</summary>
    public string? Text { get; set; }
}
