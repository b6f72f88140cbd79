using Runnel.Server.Features.Contacts;
using Runnel.Server.Features.Delivery;
using Runnel.Server.Features.Dev;
using Runnel.Server.Features.Emails;
using Runnel.Server.Features.Events;
using Runnel.Server.Features.Flows;
using Runnel.Server.Features.Forms;
using Runnel.Server.Features.Health;
using Runnel.Server.Features.Lists;
using Runnel.Server.Features.Pages;
using Runnel.Server.Features.Sms;
using Runnel.Server.Features.Workspaces;
using Runnel.Server.Hosting;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddRunnel();

var app = builder.Build();
app.UseRunnelPipeline();
app.UseWebUi();

app.MapHealthApi();
app.MapMetricsApi();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json"));

app.MapWorkspacesApi();
app.MapCurrentWorkspaceApi();
app.MapApiKeysApi();
app.MapSettingsApi();
app.MapDevApi(app.Services.GetRequiredService<RunnelOptions>());
app.MapContactsApi();
app.MapCustomFieldsApi();
app.MapEventsApi();
app.MapListsApi();
app.MapFlowsApi();
app.MapFlowRuntimeApi();
app.MapFlowBatchApi();
app.MapFlowStepStatsApi();
app.MapEmailsApi();
app.MapTemplatesApi();
app.MapEmailWebhooksApi();
app.MapSmsWebhooksApi();
app.MapTrackingApi();
app.MapFormsApi();
app.MapPagesApi();

await app.BootstrapAsync();
await app.RunAsync();

/// <summary>The entry point; public so the HTTP tests can host it with WebApplicationFactory.</summary>
public partial class Program;
