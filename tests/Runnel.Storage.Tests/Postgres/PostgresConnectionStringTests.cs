using Npgsql;
using Runnel.Storage.Postgres;

namespace Runnel.Storage.Tests.Postgres;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void A_url_becomes_the_npgsql_settings_it_names()
    {
        var parsed = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse(
            "postgres://runnel:p%40ss%3Aword@db.internal:5433/runnel_prod?sslmode=verify-full&application_name=node-1"));
        Assert.Equal("db.internal", parsed.Host);
        Assert.Equal(5433, parsed.Port);
        Assert.Equal("runnel", parsed.Username);
        Assert.Equal("p@ss:word", parsed.Password);
        Assert.Equal("runnel_prod", parsed.Database);
        Assert.Equal(SslMode.VerifyFull, parsed.SslMode);
        Assert.Equal("node-1", parsed.ApplicationName);
    }

    [Fact]
    public void Postgresql_scheme_ipv6_host_default_port_and_npgsql_keywords_in_the_query()
    {
        var parsed = new NpgsqlConnectionStringBuilder(
            PostgresConnectionString.Parse("postgresql://u@[::1]/db?Maximum%20Pool%20Size=7"));
        Assert.Equal("::1", parsed.Host);
        Assert.Equal(5432, parsed.Port);
        Assert.Equal("u", parsed.Username);
        Assert.Null(parsed.Password);
        Assert.Equal(7, parsed.MaxPoolSize);
    }

    [Fact]
    public void A_keyword_string_passes_through()
    {
        var parsed = new NpgsqlConnectionStringBuilder(
            PostgresConnectionString.Parse("Host=127.0.0.1;Port=55432;Username=postgres;Database=runnel"));
        Assert.Equal(("127.0.0.1", 55432, "runnel"), (parsed.Host, parsed.Port, parsed.Database));
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("postgres://u@host/db?no_such_setting=1")]
    [InlineData("Host=x;Bogus Keyword=1")]
    public void Malformed_settings_are_refused_at_start_up(string value) =>
        Assert.Throws<FormatException>(() => PostgresConnectionString.Parse(value));

    [Theory]
    [InlineData("postgres://h/db", true)]
    [InlineData("POSTGRESQL://h/db", true)]
    [InlineData("Host=h;Database=db", true)]
    [InlineData("runnel.db", false)]
    [InlineData("/var/lib/runnel/data.db", false)]
    public void Postgres_is_recognised_by_url_scheme_or_host_keyword(string value, bool expected) =>
        Assert.Equal(expected, PostgresConnectionString.IsPostgres(value));
}
