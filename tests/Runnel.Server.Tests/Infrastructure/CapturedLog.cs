using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Runnel.Server.Tests.Infrastructure;
/// <summary>One log record as the server wrote it, with its structured properties.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message,
    IReadOnlyDictionary<string, object?> Properties, Exception? Exception);
