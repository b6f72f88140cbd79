using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Runnel.Server.Tests.Webhooks;
public sealed record ReceivedWebhook(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers,
    string Body);
