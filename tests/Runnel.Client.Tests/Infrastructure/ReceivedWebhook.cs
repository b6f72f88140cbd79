using System.Threading.Channels;

namespace Runnel.Client.Tests.Infrastructure;
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
