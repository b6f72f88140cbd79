using System.Globalization;

namespace Runnel.Bench;

/// <summary>What one load run saw: answers by status, transport failures, and sorted latencies in milliseconds.</summary>
public sealed record LoadResult(TimeSpan Elapsed, double[] LatenciesMs, SortedDictionary<int, long> Statuses,
    long TransportFailures)
{
    public long Answered => LatenciesMs.Length;

    public long Count(int status) => Statuses.GetValueOrDefault(status);

    public double PerSecond => Answered / Elapsed.TotalSeconds;

    public double Percentile(double p) => Stats.Percentile(LatenciesMs, p);

    public string Summary(int expectedStatus) => string.Create(CultureInfo.InvariantCulture,
        $"{Answered} answers in {Elapsed.TotalSeconds:F1} s = {PerSecond:F0}/s; p50 {Percentile(50):F2} ms, " +
        $"p99 {Percentile(99):F2} ms, max {Percentile(100):F1} ms; {expectedStatus}: {Count(expectedStatus)}, " +
        $"other statuses: {Others(expectedStatus)}, transport errors: {TransportFailures}");

    private string Others(int expected)
    {
        var others = Statuses.Where(s => s.Key != expected).Select(s => $"{s.Key}×{s.Value}").ToList();
        return others.Count == 0 ? "none" : string.Join(", ", others);
    }
}
