using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Runnel.Core.Errors;
using Runnel.Server.Hosting.Idempotency;

namespace Runnel.Server.Hosting;
/// <summary>A list endpoint's answer: items of <paramref name="ItemType"/> under <paramref name="Key"/>, plus pagination.</summary>
public sealed record PageResponseMetadata(Type ItemType, string Key);
