using Microsoft.Extensions.DependencyInjection;
using Runnel.Core.Delivery;
using Runnel.Core.Diagnostics;
using Runnel.Core.Emails;
using Runnel.Core.Flows;
using Runnel.Core.Interpreter;
using Runnel.Core.Templates;

namespace Runnel.Core.Services;

/// <summary>The domain services: what the endpoints call. The store, clock and metrics come from the host.</summary>
public static class RunnelCoreServices
{
    public static IServiceCollection AddRunnelCore(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>(_ => new ApiKeyCache());
        services.AddSingleton<WorkspaceService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<CustomFieldService>();
        services.AddSingleton<EventService>();
        services.AddSingleton<SmsEngagement>();
        services.AddSingleton<SmsInboundService>();
        services.AddSingleton<ListService>();
        services.AddSingleton<FlowEmailLookup>(async (session, workspaceId, emailId) =>
            await session.Emails.GetStatusAsync(workspaceId, emailId) switch
            {
                null => (EmailState?)null,
                EmailStatus.Approved => EmailState.Approved,
                _ => EmailState.Draft,
            });
        services.AddSingleton<FlowService>();
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<EmailService>();
        services.AddSingleton<EmailTemplateService>();
        services.AddSingleton<FormService>();
        services.AddSingleton<PageService>();
        services.AddSingleton<EmailEngagement>();
        services.AddSingleton<OutboxService>();
        services.AddSingleton<MemberService>();
        services.AddSingleton<RuntimeMetrics>();
        services.AddSingleton<FlowVersionCache>();
        services.AddSingleton<StepInterpreter>();
        services.AddSingleton<EnrollmentService>();
        return services;
    }
}
