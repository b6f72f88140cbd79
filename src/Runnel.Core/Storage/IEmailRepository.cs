using Runnel.Core.Emails;

namespace Runnel.Core.Storage;

public interface IEmailRepository
{
    void Insert(Email email);

    Email? Get(Guid workspaceId, Guid id);

    /// <summary>The workspace's emails, newest first.</summary>
    Page<Email> List(Guid workspaceId, PageRequest page);

    void Update(Email email);

    /// <summary>The email's status, or null when the workspace has no such email (flow activation checks).</summary>
    EmailStatus? GetStatus(Guid workspaceId, Guid emailId);

    /// <summary>Stores a new approved revision; from now on it is what <see cref="GetApproved"/> returns.</summary>
    void AddApprovedRevision(ApprovedEmail revision);

    /// <summary>The last approved revision — what sends use — or null when the email was never approved.</summary>
    ApprovedEmail? GetApproved(Guid workspaceId, Guid emailId);
}
