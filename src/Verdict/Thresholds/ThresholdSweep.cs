using Verdict.Counts;
using Verdict.Curves;

namespace Verdict.Thresholds;

/// <summary>
/// Counts at arbitrary thresholds, read off a curve by binary search (no pass over the data): at threshold t the
/// rows with score &gt;= t are predicted positive. Any count score (precision, recall, F...) then follows from the
/// counts with <see cref="Scores.Score"/>.
/// </summary>
/// <example>
/// <code>
/// var curve = BinaryCurve.Compute(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { false, false, true, true });
/// ThresholdSweep.CountsAt(curve, new[] { 0.5, 0.3 });   // (TP 1, FP 0, FN 1, TN 2), (TP 2, FP 1, FN 0, TN 1)
/// </code>
/// </example>
public static class ThresholdSweep
{
    /// <summary>The counts at each of <paramref name="thresholds"/>, in the order given.</summary>
    public static BinaryCounts[] CountsAt(BinaryCurve curve, ReadOnlySpan<double> thresholds)
    {
        var result = new BinaryCounts[thresholds.Length];
        CountsAt(curve, thresholds, result);
        return result;
    }

    /// <summary>Writes the counts at each of <paramref name="thresholds"/> to <paramref name="destination"/>.</summary>
    public static void CountsAt(BinaryCurve curve, ReadOnlySpan<double> thresholds, Span<BinaryCounts> destination)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (destination.Length < thresholds.Length)
        {
            throw new ArgumentException("Destination is shorter than the thresholds.", nameof(destination));
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            destination[i] = curve.CountsAtThreshold(thresholds[i]);
        }
    }
}
