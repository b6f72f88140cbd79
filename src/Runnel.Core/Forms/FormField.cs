namespace Runnel.Core.Forms;
/// <summary>One input of a form: <c>email</c>, <c>text</c>, <c>phone</c> or <c>checkbox</c>.</summary>
public sealed record FormField(string Name, string Type, bool Required);
