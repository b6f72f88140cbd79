using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Runnel.Server.Hosting;
/// <summary>
/// Names the JSON body type for the OpenAPI document. Deliberately not <see cref="IAcceptsMetadata"/>: that would make
/// routing answer 415 to clients that omit or mislabel Content-Type, where we prefer to parse the body and say what is
/// wrong with it.
/// </summary>
public sealed record JsonBodyMetadata(Type Type, bool IsOptional);
