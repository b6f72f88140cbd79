using System.Text.Json.Nodes;
using Runnel.Core.Contacts;

namespace Runnel.Core.Templates;

/// <summary>
/// What a template can see (API.md §10). Every member is optional: a variable with nothing behind it renders empty.
/// </summary>
/// <param name="Contact">Exposed as <c>contact.*</c> by the standard fields' JSON names.</param>
/// <param name="CustomFields">
/// Custom field values by api_name, also under <c>contact.*</c>; null means the contact's own
/// <see cref="Contact.Fields"/>. A standard field wins over a custom field of the same name.
/// </param>
/// <param name="Context">The trigger context, <c>context.*</c>.</param>
/// <param name="DynamicContext">A manual enrollment's dynamic context, <c>campaign.dynamic.*</c>.</param>
/// <param name="ReplyText">The last SMS reply, <c>reply.text</c>.</param>
/// <param name="FlowName"><c>flow.name</c>.</param>
/// <param name="UnsubscribeUrl"><c>unsubscribe_url</c>.</param>
/// <param name="PageUrl">The member's page from a create_page step, <c>page_url</c>.</param>
public sealed record TemplateModel(
    Contact? Contact = null,
    JsonObject? CustomFields = null,
    JsonObject? Context = null,
    JsonObject? DynamicContext = null,
    string? ReplyText = null,
    string? FlowName = null,
    string? UnsubscribeUrl = null,
    string? PageUrl = null)
{
    public static TemplateModel Empty { get; } = new();
}
