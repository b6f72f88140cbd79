namespace Runnel.Core.Flows;
/// <summary>SMS quiet window in the contact's timezone, e.g. 21:00–08:00.</summary>
public sealed record QuietHours(string Start, string End);
