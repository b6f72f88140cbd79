using System.Text.Json.Nodes;
using Runnel.Core.Contacts;

namespace Runnel.Core.Rules;

/// <summary>Everything one evaluation of a rule tree reads.</summary>
/// <param name="Contact">
/// The contact; standard fields by JSON name, custom fields from <see cref="Contact.Fields"/>.
/// </param>
/// <param name="FieldTypes">Custom field types by api_name (text, number, boolean, date, datetime).</param>
/// <param name="Now">The evaluation time; passed in so the domain never reads a clock.</param>
/// <param name="Facts">List memberships, events and email engagement.</param>
/// <param name="Context">The membership's trigger context, for <c>context</c> leaves (flows only).</param>
public sealed record RuleInput(
    Contact Contact,
    IReadOnlyDictionary<string, string> FieldTypes,
    DateTimeOffset Now,
    IRuleFacts Facts,
    JsonObject? Context = null);
