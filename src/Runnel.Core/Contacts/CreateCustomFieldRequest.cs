namespace Runnel.Core.Contacts;

public sealed record CreateCustomFieldRequest(string? ApiName, string? Label, string? Type);
