using System.Net;

namespace Runnel.Client.Tests.Infrastructure;
public sealed record Exchange(string Method, string PathAndQuery, string? IdempotencyKey, HttpStatusCode Status);
