using Runnel.Core.Flows;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// How activation finds an email's approval state inside the activating transaction; null means no such email in
/// the workspace. The host supplies it because emails are their own feature with their own storage.
/// </summary>
public delegate Task<EmailState?> FlowEmailLookup(IStoreSession session, Guid workspaceId, Guid emailId);
