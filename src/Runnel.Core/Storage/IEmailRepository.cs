using Runnel.Core.Emails;

namespace Runnel.Core.Storage;

public interface IEmailRepository
{
    Task InsertAsync(Email email);

    Task<Email?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>The workspace's emails, newest first.</summary>
    Task<Page<Email>> ListAsync(Guid workspaceId, PageRequest page);

    Task UpdateAsync(Email email);

    /// <summary>The email's status, or null when the workspace has no such email (flow activation checks).</summary>
    Task<EmailStatus?> GetStatusAsync(Guid workspaceId, Guid emailId);

    /// <summary>Stores a new approved revision; from now on it is what <see cref="GetApprovedAsync"/>
    /// returns.</summary>
    Task AddApprovedRevisionAsync(ApprovedEmail revision);

    /// <summary>The last approved revision — what sends use — or null when the email was never approved.</summary>
    Task<ApprovedEmail?> GetApprovedAsync(Guid workspaceId, Guid emailId);
}
