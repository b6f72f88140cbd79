namespace Runnel.Core.Storage;

/// <summary>The repositories of one transaction (or one read snapshot). Not thread-safe; never kept past the call.</summary>
public interface IStoreSession
{
    IWorkspaceRepository Workspaces { get; }

    IApiKeyRepository ApiKeys { get; }

    IIdempotencyRepository Idempotency { get; }

    ISecretRepository Secrets { get; }

    IContactRepository Contacts { get; }

    IMemberRepository Members { get; }

    IOutboxRepository Outbox { get; }

    IWebhookDeliveryRepository Webhooks { get; }

    ISmsInboundRepository SmsInbound { get; }

    ICustomFieldRepository CustomFields { get; }

    IEventRepository Events { get; }

    ISuppressionRepository Suppressions { get; }

    IListRepository Lists { get; }

    IRuleFactsRepository RuleFacts { get; }

    IFlowRepository Flows { get; }

    IEmailRepository Emails { get; }

    ITemplateRepository Templates { get; }

    ITriggerRepository Triggers { get; }

    IFormRepository Forms { get; }

    IPageRepository Pages { get; }

    ILeaseRepository Leases { get; }

    IFlowStatsRepository Stats { get; }
}
