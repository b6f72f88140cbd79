using Microsoft.Extensions.Configuration;
using Runnel.Server.Hosting;

namespace Runnel.Server.Tests.Conventions;

/// <summary>How settings select the backend and the node's work-sharing knobs (docs/configuration.md).</summary>
public sealed class OptionsTests
{
    private static RunnelOptions From(params (string Key, string Value)[] settings) => RunnelOptions.From(
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build());

    [Fact]
    public void PostgreSQL_without_a_shared_secret_key_is_refused_with_the_reason()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            From(("RUNNEL_DATABASE", "postgres://runnel@db.internal:5432/runnel")));

        Assert.Contains("RUNNEL_SECRET_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_with_a_secret_key_and_node_settings_is_taken_as_given()
    {
        var options = From(("RUNNEL_DATABASE", "postgres://runnel:pw@db.internal:5432/runnel"),
            ("RUNNEL_SECRET_KEY", "shared"), ("RUNNEL_NODE_ID", "web-1"), ("RUNNEL_CLAIM_LEASE_SECONDS", "12.5"));

        Assert.NotNull(options.PostgresConnectionString);
        Assert.Equal("web-1", options.NodeId);
        Assert.Equal(TimeSpan.FromSeconds(12.5), options.ClaimLease);
        Assert.Equal(TimeSpan.Zero, options.FaultHoldAfterClaim);
    }

    [Fact]
    public void Without_settings_a_node_gets_a_unique_id_and_the_default_lease()
    {
        var (first, second) = (From(), From());

        Assert.NotEqual(first.NodeId, second.NodeId);
        Assert.Equal(Core.Engine.NodeOptions.DefaultClaimLease, first.ClaimLease);
        Assert.Null(first.PostgresConnectionString);
    }

    [Fact]
    public void The_safety_net_poll_defaults_to_30_seconds_and_refuses_nonsense()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), From().SafetyPoll);
        Assert.Equal(TimeSpan.FromSeconds(2.5), From(("RUNNEL_SAFETY_POLL_SECONDS", "2.5")).SafetyPoll);
        foreach (var bad in new[] { "0", "-1", "3601", "soon" })
        {
            var error = Assert.Throws<InvalidOperationException>(() => From(("RUNNEL_SAFETY_POLL_SECONDS", bad)));
            Assert.Contains("RUNNEL_SAFETY_POLL_SECONDS", error.Message, StringComparison.Ordinal);
        }
    }
}
