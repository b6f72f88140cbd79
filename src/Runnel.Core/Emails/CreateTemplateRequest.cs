using Runnel.Core.Json;

namespace Runnel.Core.Emails;
/// <summary><c>POST /v1/templates</c>.</summary>
public sealed record CreateTemplateRequest(string? Name, string? Html, string? Text = null);
