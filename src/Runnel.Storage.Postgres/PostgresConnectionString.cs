using Npgsql;

namespace Runnel.Storage.Postgres;

/// <summary>
/// Reads RUNNEL_DATABASE for PostgreSQL: a <c>postgres://user:pass@host:port/db?key=value</c> URL (libpq's form, as
/// hosting providers hand them out) or an Npgsql keyword string (<c>Host=…;Username=…</c>).
/// </summary>
public static class PostgresConnectionString
{
    // libpq query parameters people put in URLs, by Npgsql's name for them; anything else must be an Npgsql keyword.
    private static readonly Dictionary<string, string> LibpqNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
    };

    /// <summary>True when <paramref name="value"/> names PostgreSQL rather than a SQLite file.</summary>
    public static bool IsPostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string for <paramref name="value"/>; throws <see cref="FormatException"/>.</summary>
    public static string Parse(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(value).ConnectionString;
            }
            catch (ArgumentException error)
            {
                throw new FormatException($"Not a valid Npgsql connection string: {error.Message}", error);
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("A PostgreSQL URL has the form postgres://user:password@host:port/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var setting = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                // libpq spells verify-full and verify-ca with a hyphen; Npgsql's enum does not.
                setting = setting.Replace("-", "", StringComparison.Ordinal);
            }

            try
            {
                builder[LibpqNames.GetValueOrDefault(key, key)] = setting;
            }
            catch (ArgumentException error)
            {
                throw new FormatException($"Unknown or invalid PostgreSQL URL parameter '{key}': {error.Message}", error);
            }
        }

        return builder.ConnectionString;
    }
}
