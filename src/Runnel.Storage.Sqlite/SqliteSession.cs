using Microsoft.Data.Sqlite;
using Runnel.Core.Storage;

namespace Runnel.Storage.Sqlite;

/// <summary>The repositories bound to one connection and transaction.</summary>
internal sealed class SqliteSession(SqliteConnection connection, SqliteTransaction transaction) : IStoreSession
{
    private readonly SqliteDb _db = new(connection, transaction);

    public bool TriggerEventsWritten => _db.TriggerEventsWritten;

    public IWorkspaceRepository Workspaces => new SqliteWorkspaceRepository(_db);

    public IApiKeyRepository ApiKeys => new SqliteApiKeyRepository(_db);

    public IIdempotencyRepository Idempotency => new SqliteIdempotencyRepository(_db);

    public ISecretRepository Secrets => new SqliteSecretRepository(_db);

    public IContactRepository Contacts => new SqliteContactRepository(_db);

    public IMemberRepository Members => new SqliteMemberRepository(_db);

    public IOutboxRepository Outbox => new SqliteOutboxRepository(_db);

    public IWebhookDeliveryRepository Webhooks => new SqliteWebhookDeliveryRepository(_db);

    public ICustomFieldRepository CustomFields => new SqliteCustomFieldRepository(_db);

    public IEventRepository Events => new SqliteEventRepository(_db);

    public ISuppressionRepository Suppressions => new SqliteSuppressionRepository(_db);

    public IListRepository Lists => new SqliteListRepository(_db);

    public IRuleFactsRepository RuleFacts => new SqliteRuleFactsRepository(_db);

    public IFlowRepository Flows => new SqliteFlowRepository(_db);

    public IEmailRepository Emails => new SqliteEmailRepository(_db);

    public ITemplateRepository Templates => new SqliteTemplateRepository(_db);

    public ITriggerRepository Triggers => new SqliteTriggerRepository(_db);

    public IFormRepository Forms => new SqliteFormRepository(_db);
}
