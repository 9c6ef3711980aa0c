using System.Globalization;

namespace Waymark.Bench;

/// <summary>Percentiles over a set of measured durations, in milliseconds.</summary>
public sealed class Stats(IEnumerable<double> samples)
{
    private readonly double[] _sorted = [.. samples.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p)
    {
        if (_sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length) - 1;
        return _sorted[Math.Clamp(rank, 0, _sorted.Length - 1)];
    }

    public double Median => Percentile(50);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):0.000} ms, p90 {Percentile(90):0.000} ms, p99 {Percentile(99):0.000} ms (n={Count})");
}
