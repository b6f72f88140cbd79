namespace Runnel.Core.Storage;

/// <summary>
/// Opens the database store a storage project registered (<c>AddSqliteStore</c>, <c>AddPostgresStore</c>). A factory
/// rather than the store itself: the host wraps what it opens, and the wrapper alone owns and disposes it.
/// </summary>
public sealed record StoreFactory(Func<IServiceProvider, IRunnelStore> Open);
