using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Flows;
using Runnel.Core.Members;
using Runnel.Core.Services;

namespace Runnel.Core.Interpreter;
/// <summary>
/// Everything one run may consult; built by the runner, never touched by I/O during the run. <see cref="Links"/>
/// turns on click and open tracking; <see cref="DeferredDelivery"/> says a delivery pump sends the messages later
/// (and records <c>email_sent</c> then), instead of the outbox being their destination. For create_page steps:
/// <see cref="PageTemplates"/> gives a template's HTML by id, <see cref="PageUrl"/> is the member's newest page,
/// and <see cref="GeneratedPages"/> holds the generator's answers, by step id, that the runner fetched for this run. <see cref="Sms"/> holds the
/// workspace's SMS settings.
/// </summary>
public sealed record RunInput(
    Member Member,
    Contact Contact,
    FlowDefinition Definition,
    string FlowName,
    DateTimeOffset Now,
    IRuleOracle Rules,
    Func<Guid, ApprovedEmail?> ApprovedEmails,
    IReadOnlyDictionary<string, string> CustomFieldTypes,
    string? UnsubscribeUrl,
    Func<Guid> NewId,
    ILinkBuilder? Links = null,
    string? PostalAddress = null,
    bool DeferredDelivery = false,
    Func<Guid, string?>? PageTemplates = null,
    string? PageUrl = null,
    bool PageGeneratorEnabled = false,
    IReadOnlyDictionary<string, Pages.PageGeneratorAnswer>? GeneratedPages = null,
    SmsRunSettings? Sms = null);
