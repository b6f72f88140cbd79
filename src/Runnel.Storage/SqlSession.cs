using Runnel.Core.Storage;

namespace Runnel.Storage;

/// <summary>The repositories bound to one connection and transaction.</summary>
public sealed class SqlSession(SqlDb db) : IStoreSession
{
    private readonly SqlDb _db = db;

    /// <summary>What this session's writes made due (<see cref="SqlDb.WorkWritten"/>).</summary>
    public DueWork WorkWritten => _db.WorkWritten;

    public IWorkspaceRepository Workspaces => new SqlWorkspaceRepository(_db);

    public IApiKeyRepository ApiKeys => new SqlApiKeyRepository(_db);

    public IIdempotencyRepository Idempotency => new SqlIdempotencyRepository(_db);

    public ISecretRepository Secrets => new SqlSecretRepository(_db);

    public IContactRepository Contacts => new SqlContactRepository(_db);

    public IMemberRepository Members => new SqlMemberRepository(_db);

    public IOutboxRepository Outbox => new SqlOutboxRepository(_db);

    public IWebhookDeliveryRepository Webhooks => new SqlWebhookDeliveryRepository(_db);

    public ISmsInboundRepository SmsInbound => new SqlSmsInboundRepository(_db);

    public ICustomFieldRepository CustomFields => new SqlCustomFieldRepository(_db);

    public IEventRepository Events => new SqlEventRepository(_db);

    public ISuppressionRepository Suppressions => new SqlSuppressionRepository(_db);

    public IListRepository Lists => new SqlListRepository(_db);

    public IRuleFactsRepository RuleFacts => new SqlRuleFactsRepository(_db);

    public IFlowRepository Flows => new SqlFlowRepository(_db);

    public IEmailRepository Emails => new SqlEmailRepository(_db);

    public ITemplateRepository Templates => new SqlTemplateRepository(_db);

    public ITriggerRepository Triggers => new SqlTriggerRepository(_db);

    public IFormRepository Forms => new SqlFormRepository(_db);

    public IPageRepository Pages => new SqlPageRepository(_db);

    public ILeaseRepository Leases => new SqlLeaseRepository(_db);

    public IFlowStatsRepository Stats => new SqlFlowStatsRepository(_db);
}
