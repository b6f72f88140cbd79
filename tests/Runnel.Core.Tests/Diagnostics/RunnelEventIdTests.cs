using System.Reflection;
using Microsoft.Extensions.Logging;
using Runnel.Core.Diagnostics;

namespace Runnel.Core.Tests.Diagnostics;

public sealed class RunnelEventIdTests
{
    private static IEnumerable<(string Area, string Name, int Id)> Ids() =>
        typeof(RunnelEventId).GetNestedTypes()
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(int))
                .Select(f => (area.Name, f.Name, (int)f.GetRawConstantValue()!)));

    [Fact]
    public void Every_event_id_is_unique_and_inside_its_areas_range()
    {
        var ids = Ids().ToList();
        Assert.NotEmpty(ids);
        Assert.Empty(ids.GroupBy(i => i.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        foreach (var (area, name, id) in ids)
        {
            Assert.True(RunnelEventId.Ranges.TryGetValue(area, out var range), $"{area} has no range");
            Assert.True(id >= range.First && id <= range.Last, $"{area}.{name} = {id} is outside {range}");
        }
    }

    [Fact]
    public void Area_ranges_do_not_overlap()
    {
        var ranges = RunnelEventId.Ranges.Values.OrderBy(r => r.First).ToList();
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.True(ranges[i - 1].Last < ranges[i].First, $"{ranges[i - 1]} overlaps {ranges[i]}");
        }
    }

    [Fact]
    public void Every_message_uses_its_own_registered_id()
    {
        var registered = Ids().Select(i => i.Id).ToHashSet();
        var used = typeof(LogMessages).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Name, m.Attribute!.EventId))
            .ToList();
        Assert.NotEmpty(used);
        Assert.All(used, m => Assert.Contains(m.EventId, registered));
        Assert.Equal(used.Count, used.Select(m => m.EventId).Distinct().Count());
        Assert.Equal(registered.Count, used.Count);
    }
}
