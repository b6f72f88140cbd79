namespace Runnel.Client;

/// <summary>An email and its templates (API.md §7).</summary>
public sealed class Email
{
    /// <summary>The email's id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The Liquid subject.</summary>
    public string Subject { get; set; } = "";

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

    /// <summary>One of <see cref="EmailStatuses"/>.</summary>
    public string Status { get; set; } = "";

    /// <summary>When it was last approved.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
