using Verdict.Counts;
using Verdict.Curves;

namespace Verdict.Thresholds;

/// <summary>
/// The candidate operating points of a curve: +∞ (predict nothing, TP = FP = 0) followed by every threshold of
/// the curve, highest first. Searches walk them in that order and keep a candidate only when it is strictly
/// better, so ties go to the highest threshold (the fewest predicted positives).
/// </summary>
internal static class Candidates
{
    public static int Count(BinaryCurve curve) => curve.Count + 1;

    public static double Threshold(BinaryCurve curve, int candidate) =>
        candidate == 0 ? double.PositiveInfinity : curve.ThresholdSpan[candidate - 1];

    public static BinaryCounts Counts(BinaryCurve curve, int candidate)
    {
        double tp = candidate == 0 ? 0 : curve.TpSpan[candidate - 1];
        double fp = candidate == 0 ? 0 : curve.FpSpan[candidate - 1];
        return new BinaryCounts(tp, fp, curve.Positives - tp, curve.Negatives - fp);
    }

    /// <summary>
    /// The candidate maximising <paramref name="objective"/> among those where <paramref name="allowed"/> holds
    /// (NaN objectives never win); null when none is allowed.
    /// </summary>
    public static OperatingPoint? Best(BinaryCurve curve, Func<BinaryCounts, bool> allowed, Func<BinaryCounts, double> objective, bool minimise = false)
    {
        ArgumentNullException.ThrowIfNull(curve);
        int best = -1;
        double bestValue = double.NaN;
        BinaryCounts bestCounts = default;
        int n = Count(curve);
        for (int i = 0; i < n; i++)
        {
            BinaryCounts c = Counts(curve, i);
            if (!allowed(c))
            {
                continue;
            }

            double v = objective(c);
            if (double.IsNaN(v))
            {
                continue;
            }

            if (best < 0 || (minimise ? v < bestValue : v > bestValue))
            {
                best = i;
                bestValue = v;
                bestCounts = c;
            }
        }

        return best < 0 ? null : new OperatingPoint(Threshold(curve, best), bestValue, bestCounts);
    }
}
