using System.Text.Json.Nodes;

namespace Runnel.Core.Pages;

/// <summary>
/// What a <c>source: scratch</c> create_page step asks the operator's page generator (<c>RUNNEL_PAGE_GENERATOR_URL</c>)
/// for: the body is <c>{prompt, contact, context}</c>. <see cref="StepId"/> says which step of the run asked.
/// </summary>
public sealed record PageGenerationRequest(Guid MemberId, string StepId, string Prompt, JsonObject Contact,
    JsonObject Context);
