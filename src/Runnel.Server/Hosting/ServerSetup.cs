using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Errors;
using Runnel.Core.Events;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Lists;
using Runnel.Core.Net;
using Runnel.Core.Forms;
using Runnel.Core.Runtime;
using Runnel.Core.Triggers;
using Runnel.Core.Security;
using Runnel.Core.Storage;
using Runnel.Core.Templates;
using Runnel.Core.Workspaces;
using Runnel.Server.Engine;
using Runnel.Server.Features.Forms;
using Runnel.Storage.Sqlite;

namespace Runnel.Server.Hosting;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so it reads as a table of contents.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddRunnel(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(RunnelOptions.DefaultUrl);
        }

        var options = RunnelOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        if (options.DevClock)
        {
            var clock = new FakeTimeProvider(options.DevClockStart ?? DateTimeOffset.UtcNow);
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddSingleton<WorkDriver>();
        services.AddKeyedSingleton<RunnerSignal>(TriggerService.Key);
        services.AddSingleton<IRunnelStore>(sp => new SqliteStore(options.DatabasePath,
            sp.GetRequiredKeyedService<RunnerSignal>(TriggerService.Key).Notify));
        services.AddSingleton(_ => new SecretProtector(SecretKeyFile.Load(options)));
        services.AddSingleton<WorkspaceService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<CustomFieldService>();
        services.AddSingleton<EventService>();
        services.AddSingleton<ListService>();
        services.AddSingleton(WebhookAllowList.Parse(options.WebhookAllowHosts));
        services.AddSingleton<FlowEmailLookup>((session, workspaceId, emailId) =>
            session.Emails.GetStatus(workspaceId, emailId) switch
            {
                null => null,
                EmailStatus.Approved => EmailState.Approved,
                _ => EmailState.Draft,
            });
        services.AddSingleton<FlowService>();
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<EmailService>();
        services.AddSingleton<EmailTemplateService>();
        services.AddHostedService<IdempotencySweeper>();

        // The runtime: enrollment, the runner and what it needs; the runner is also a pump for the dev clock.
        services.AddSingleton(sp => new LinkSigner(SecretKeyFile.Load(options)));
        services.AddSingleton<ILinkBuilder, SignedLinks>();
        services.AddSingleton<RunnerSignal>();
        services.AddSingleton<FlowVersionCache>();
        services.AddSingleton<StepInterpreter>();
        services.AddSingleton<EnrollmentService>();
        services.AddSingleton<FlowRunner>();
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<FlowRunner>());
        services.AddHostedService<RunnerService>();

        // Automatic entrances: trigger dispatch and date triggers, pumps for the dev clock and a hosted loop.
        services.AddSingleton(new TriggerDispatchOptions(options.TriggerDispatch));
        services.AddSingleton<TriggerDispatcher>();
        services.AddSingleton<DateTriggerScheduler>();
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<TriggerDispatcher>());
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<DateTriggerScheduler>());
        services.AddHostedService<TriggerService>();
        services.AddSingleton<FormService>();
        services.AddSingleton<FormRateLimiter>();

        services.ConfigureHttpJsonOptions(json =>
        {
            var source = RunnelJson.Options;
            json.SerializerOptions.PropertyNamingPolicy = source.PropertyNamingPolicy;
            json.SerializerOptions.UnmappedMemberHandling = source.UnmappedMemberHandling;
            foreach (var converter in source.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        services.AddRunnelOpenApi();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes + 1);
        return builder;
    }

    public static WebApplication UseRunnelPipeline(this WebApplication app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseStatusCodePages(WriteStatusProblemAsync);
        app.Use(async (context, next) =>
        {
            if (!Cors.TryAnswerPreflight(context))
            {
                await next(context);
            }
        });
        app.UseMiddleware<ApiKeyAuthMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseRouting();
        return app;
    }

    /// <summary>Registers the bootstrap admin key, or generates one for an empty database and prints it once.</summary>
    public static async Task BootstrapAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RunnelOptions>();
        var generated = await app.Services.GetRequiredService<WorkspaceService>()
            .BootstrapAsync(options.AdminKey, CancellationToken.None);
        if (generated is not null)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Runnel.Bootstrap");
            logger.LogWarning(
                "Created the default workspace and its admin key (shown only this once): {AdminKey}. Set RUNNEL_ADMIN_KEY to choose your own.",
                generated);
        }
    }

    private static async Task WriteStatusProblemAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ErrorCodes.NotFound,
            StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
            StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
            StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
            _ => null,
        };
        if (code is not null)
        {
            await Problems.WriteAsync(context, new RunnelException(code));
        }
    }
}
