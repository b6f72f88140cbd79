using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Runnel.Core.Delivery;
using Runnel.Core.Pages;
using Runnel.Core.Emails;
using Runnel.Core.Engine;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Forms;
using Runnel.Core.Interpreter;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Net;
using Runnel.Core.Security;
using Runnel.Core.Services;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;
using Runnel.Core.Webhooks;
using Runnel.Server.Delivery;
using Runnel.Server.Delivery.Sms;
using Runnel.Server.Engine;
using Runnel.Server.Engine.Pages;
using Runnel.Server.Engine.Webhooks;
using Runnel.Server.Features.Forms;
using Runnel.Server.Hosting.Idempotency;
using Runnel.Storage.Postgres;
using Runnel.Storage.Sqlite;

namespace Runnel.Server.Hosting;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so it reads as a table of contents.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddRunnel(this WebApplicationBuilder builder)
    {
        HostLogging.ApplyDefaults(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(RunnelOptions.DefaultUrl);
        }

        var options = RunnelOptions.From(builder.Configuration);
        builder.Services.AddRunnelHost(options).AddRunnelStore(options).AddRunnelCore().AddRunnelEngine(options)
            .AddRunnelDelivery(options).AddRunnelHttp();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes + 1);
        return builder;
    }

    /// <summary>Settings, the clock (movable in test mode), secrets and metrics.</summary>
    private static IServiceCollection AddRunnelHost(this IServiceCollection services, RunnelOptions options)
    {
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

        services.AddMetrics();
        services.AddSingleton(_ => new SecretProtector(SecretKeyFile.Load(options)));
        services.AddSingleton(new NodeOptions(options.NodeId, options.ClaimLease, options.FaultHoldAfterClaim));
        services.AddSingleton(WebhookAllowList.Parse(options.WebhookAllowHosts));
        services.AddSingleton(sp => new LinkSigner(SecretKeyFile.Load(options)));
        services.AddSingleton<SignedLinks>();
        services.AddSingleton<ILinkBuilder>(sp => sp.GetRequiredService<SignedLinks>());
        return services;
    }

    /// <summary>
    /// SQLite by default; PostgreSQL when RUNNEL_DATABASE names it, wrapped so keyed writes are recorded. Either store
    /// calls back after a commit that made work due, waking the loops that do it (<see cref="WakeLoops"/>); on
    /// PostgreSQL other nodes' commits arrive as notifications and wake them the same way.
    /// </summary>
    private static IServiceCollection AddRunnelStore(this IServiceCollection services, RunnelOptions options)
    {
        services.AddKeyedSingleton<RunnerSignal>(TriggerService.Key);
        services.AddKeyedSingleton<RunnerSignal>(WebhookService.Key);
        services.AddSingleton<RunnerSignal>();
        services.AddSingleton<IRunnelStore>(sp => new IdempotentStore(sp.GetRequiredService<StoreFactory>().Open(sp),
            sp.GetRequiredService<SecretProtector>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<NodeOptions>()));
        services.AddHostedService<IdempotencySweeper>();
        if (options.PostgresConnectionString is not { } postgres)
        {
            return services.AddSqliteStore(options.DatabasePath, WakeLoops);
        }

        return services.AddPostgresStore(postgres, WakeLoops, WakeLoops);
    }

    /// <summary>Signals the loop of each kind of work a commit made due; a signal only wakes, it never blocks.</summary>
    private static Action<DueWork> WakeLoops(IServiceProvider services)
    {
        var runner = services.GetRequiredService<RunnerSignal>();
        var triggers = services.GetRequiredKeyedService<RunnerSignal>(TriggerService.Key);
        var webhooks = services.GetRequiredKeyedService<RunnerSignal>(WebhookService.Key);
        var emails = services.GetRequiredService<DeliveryMode>().Signal;
        var sms = services.GetRequiredService<SmsDeliveryMode>().Signal;
        return due =>
        {
            if (due.HasFlag(DueWork.Members))
            {
                runner.Notify();
            }

            if (due.HasFlag(DueWork.Triggers))
            {
                triggers.Notify();
            }

            if (due.HasFlag(DueWork.Webhooks))
            {
                webhooks.Notify();
            }

            if (due.HasFlag(DueWork.Emails))
            {
                emails.Notify();
            }

            if (due.HasFlag(DueWork.Sms))
            {
                sms.Notify();
            }
        };
    }

    /// <summary>
    /// The background work, each an <see cref="IWorkPump"/> the dev clock drives and a hosted loop: the flow runner,
    /// the SSRF-guarded webhook sender, trigger dispatch and date triggers.
    /// </summary>
    public static IServiceCollection AddRunnelEngine(this IServiceCollection services, RunnelOptions options)
    {
        services.AddSingleton<WorkDriver>();
        services.AddSingleton<PumpLoopContext>();
        services.AddSingleton<FlowRunner>();
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<FlowRunner>());
        services.AddHostedService<RunnerService>();

        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<SsrfGuard>();
        services.AddSingleton(sp => new GuardedConnector(sp.GetRequiredService<SsrfGuard>()));
        services.AddSingleton<IWebhookSender, WebhookSender>();
        services.AddSingleton<IPageGenerator, PageGenerator>();
        services.AddSingleton<WebhookPump>();
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<WebhookPump>());
        services.AddHostedService<WebhookService>();

        services.AddSingleton(new TriggerDispatchOptions(options.TriggerDispatch));
        services.AddSingleton<TriggerDispatcher>();
        services.AddSingleton<DateTriggerScheduler>();
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<TriggerDispatcher>());
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<DateTriggerScheduler>());
        services.AddHostedService<TriggerService>();
        return services;
    }

    /// <summary>
    /// Email delivery: with RUNNEL_SMTP_URL a pump sends the outbox over SMTP (also driven by the dev clock);
    /// without it, messages stay in the local outbox. Tracking and engagement work either way.
    /// </summary>
    public static IServiceCollection AddRunnelDelivery(this IServiceCollection services, RunnelOptions options)
    {
        services.AddRunnelSms(options);
        services.AddSingleton(new DeliveryMode(options.SmtpUrl is not null));
        if (options.SmtpUrl is null)
        {
            return services;
        }

        var smtp = SmtpSettings.Parse(options.SmtpUrl);
        services.AddSingleton(sp => new SmtpConnectionPool(smtp, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEmailSender>(sp => new SmtpEmailSender(sp.GetRequiredService<SmtpConnectionPool>(),
            sp.GetRequiredService<TimeProvider>(), DkimFrom(options)));
        services.AddSingleton<EmailDeliveryPump>();
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<EmailDeliveryPump>());
        services.AddHostedService<DeliveryService>();
        return services;
    }

    /// <summary>
    /// SMS: with RUNNEL_SMS_URL a pump sends the SMS outbox through Twilio or the generic provider (also driven by the
    /// dev clock); without it, SMS stay in the local outbox. Inbound handling works either way.
    /// </summary>
    private static IServiceCollection AddRunnelSms(this IServiceCollection services, RunnelOptions options)
    {
        var settings = options.SmsUrl is { } url ? SmsSettings.Parse(url) : null;
        services.AddSingleton(new SmsDeliveryMode(settings is not null));
        services.AddSingleton(new SmsProviderInfo(settings));
        if (settings is null)
        {
            return services;
        }

        if (settings.Kind == SmsProviderKind.Twilio)
        {
            services.AddSingleton<ISmsSender>(sp => new TwilioSmsSender(settings, options));
        }
        else
        {
            services.AddSingleton<ISmsSender>(sp => new GenericSmsSender(settings, sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<SmsDeliveryPump>();
        services.AddSingleton<IWorkPump>(sp => sp.GetRequiredService<SmsDeliveryPump>());
        services.AddHostedService<SmsDeliveryService>();
        return services;
    }

    /// <summary>The HTTP edge: the API's JSON options (so typed results write as the API does), forms, OpenAPI.</summary>
    private static IServiceCollection AddRunnelHttp(this IServiceCollection services)
    {
        services.AddSingleton<FormRateLimiter>();
        services.ConfigureHttpJsonOptions(json =>
        {
            var source = RunnelJson.Options;
            json.SerializerOptions.PropertyNamingPolicy = source.PropertyNamingPolicy;
            json.SerializerOptions.UnmappedMemberHandling = source.UnmappedMemberHandling;
            json.SerializerOptions.Encoder = source.Encoder;
            foreach (var converter in source.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        return services.AddRunnelOpenApi();
    }

    private static MimeKit.Cryptography.DkimSigner? DkimFrom(RunnelOptions options)
    {
        if (options.DkimDomain is null && options.DkimSelector is null && options.DkimKeyFile is null)
        {
            return null;
        }

        if (options.DkimDomain is not { } domain || options.DkimSelector is not { } selector
            || options.DkimKeyFile is not { } keyFile)
        {
            throw new InvalidOperationException(
                "DKIM signing needs all of RUNNEL_DKIM_DOMAIN, RUNNEL_DKIM_SELECTOR and RUNNEL_DKIM_KEY_FILE.");
        }

        return new MimeKit.Cryptography.DkimSigner(Path.GetFullPath(keyFile, options.DataDirectory), domain, selector,
            MimeKit.Cryptography.DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = MimeKit.Cryptography.DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = MimeKit.Cryptography.DkimCanonicalizationAlgorithm.Relaxed,
        };
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
        app.UseRouting();
        app.UseScopeChecks();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    /// <summary>Registers the bootstrap admin key, or generates one for an empty database and prints it once.</summary>
    public static async Task BootstrapAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RunnelOptions>();
        HostLogging.LogStartup(app, options);
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
