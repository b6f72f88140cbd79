using System.Reflection;

namespace Runnel.Architecture.Tests;

/// <summary>
/// The project arrows: Server → Core and Storage.*, Storage.* → Core, Core → nothing of ASP.NET and no database or
/// mail driver. Read from each compiled assembly's references, so a package pulled in by a new reference fails here.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly Assembly Core = typeof(Runnel.Core.Ids).Assembly;
    private static readonly Assembly Storage = typeof(Runnel.Storage.SqlDialect).Assembly;
    private static readonly Assembly Sqlite = typeof(Runnel.Storage.Sqlite.SqliteStore).Assembly;
    private static readonly Assembly Postgres = typeof(Runnel.Storage.Postgres.PostgresStore).Assembly;

    [Fact]
    public void Core_references_no_web_framework_database_or_mail_driver()
    {
        var forbidden = References(Core).Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || n.StartsWith("Runnel.", StringComparison.Ordinal)
            || n is "Npgsql" or "Microsoft.Data.Sqlite" or "Dapper" or "MailKit" or "MimeKit").ToList();
        Assert.Empty(forbidden);
    }

    [Fact]
    public void Storage_projects_reference_core_and_not_the_server()
    {
        Assert.DoesNotContain("Runnel.Server", References(Storage));
        Assert.Contains("Runnel.Core", References(Storage));
        foreach (var backend in new[] { Sqlite, Postgres })
        {
            var references = References(backend);
            Assert.DoesNotContain("Runnel.Server", references);
            Assert.Contains("Runnel.Storage", references);
            Assert.DoesNotContain(backend == Sqlite ? "Npgsql" : "Microsoft.Data.Sqlite", references);
            Assert.DoesNotContain(backend == Sqlite ? "Runnel.Storage.Postgres" : "Runnel.Storage.Sqlite", references);
        }
    }

    private static List<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
}
