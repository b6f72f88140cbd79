using Runnel.Core.Workspaces;

namespace Runnel.Server.Hosting;

/// <summary>The authenticated API key of the current request.</summary>
public sealed record ApiCaller(ApiKey Key)
{
    private static readonly object ItemKey = new();

    public Guid WorkspaceId => Key.WorkspaceId;

    public bool IsPublic => Key.Kind == ApiKeyKind.Public;

    public bool Has(string scope) => Scopes.Grants(Key.Scopes, scope);

    public static ApiCaller? Find(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as ApiCaller : null;

    /// <summary>The caller of a /v1 endpoint; the auth middleware guarantees there is one.</summary>
    public static ApiCaller Of(HttpContext context) =>
        Find(context) ?? throw new InvalidOperationException("No authenticated caller on a /v1 request.");

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;
}
