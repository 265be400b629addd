using System.Globalization;
using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Probabilistic;

/// <summary>How <see cref="CalibrationCurve"/> places its bin edges.</summary>
public enum CalibrationStrategy
{
    /// <summary>Equal-width bins over [0, 1]: edges <c>linspace(0, 1, bins + 1)</c>.</summary>
    Uniform = 0,

    /// <summary>Equal-count bins: edges at the 0, 1/bins, …, 1 quantiles of the probabilities (numpy's linear percentile).</summary>
    Quantile = 1,
}

/// <summary>
/// A reliability diagram, exactly scikit-learn 1.2.1's <c>sklearn.calibration.calibration_curve</c>: the
/// probabilities are binned, and each non-empty bin gives the fraction of positives and the mean predicted
/// probability. Empty bins are left out.
/// </summary>
/// <remarks>
/// <b>Bin rule.</b> With edges e₀ &lt;= … &lt;= e_B, a probability p goes to bin #{i in 1..B−1 : eᵢ &lt; p}
/// (numpy <c>searchsorted(edges[1:-1], p)</c>): bins are closed on the right, (eᵢ₋₁, eᵢ], and the first also holds
/// e₀. Quantile edges may coincide; the bins between equal edges are then empty.
/// </remarks>
/// <example>
/// <code>
/// var c = CalibrationCurve.Compute(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { false, false, true, true }, 10, CalibrationStrategy.Quantile);
/// c.FractionOfPositives;   // 0, 1, 0, 1
/// c.MeanPredicted;         // 0.1, 0.35, 0.4, 0.8
/// </code>
/// </example>
public sealed class CalibrationCurve
{
    private CalibrationCurve(double[] fraction, double[] mean, long[] counts, double[] edges, int[] bins)
    {
        FractionOfPositives = fraction;
        MeanPredicted = mean;
        Counts = counts;
        Edges = edges;
        Bins = bins;
    }

    /// <summary>Fraction of positive rows in each non-empty bin (scikit-learn's <c>prob_true</c>).</summary>
    public IReadOnlyList<double> FractionOfPositives { get; }

    /// <summary>Mean predicted probability in each non-empty bin (scikit-learn's <c>prob_pred</c>).</summary>
    public IReadOnlyList<double> MeanPredicted { get; }

    /// <summary>Rows in each non-empty bin.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>Index (0-based, into the bins between <see cref="Edges"/>) of each non-empty bin.</summary>
    public IReadOnlyList<int> Bins { get; }

    /// <summary>All bin edges, bins + 1 values.</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>
    /// Bins <paramref name="probabilities"/> (of the positive class, in [0, 1]) against <paramref name="positives"/>
    /// into <paramref name="binCount"/> bins placed by <paramref name="strategy"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, lengths differ, or a probability is outside [0, 1].</exception>
    public static CalibrationCurve Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> positives, int binCount = 5,
                                           CalibrationStrategy strategy = CalibrationStrategy.Uniform)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        Guard.SameLength(probabilities.Length, positives.Length, nameof(positives));
        if (probabilities.IsEmpty)
        {
            throw new ArgumentException("There are no rows.", nameof(probabilities));
        }

        CurveChecks.Probabilities(probabilities, nameof(probabilities));
        double[] edges = strategy switch
        {
            CalibrationStrategy.Uniform => CurveMath.Linspace(0.0, 1.0, binCount + 1),
            CalibrationStrategy.Quantile => QuantileEdges(probabilities, binCount),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
        };

        var sums = new double[binCount];
        var trues = new double[binCount];
        var totals = new long[binCount];
        ReadOnlySpan<double> inner = edges.AsSpan(1, binCount - 1);
        for (int i = 0; i < probabilities.Length; i++)
        {
            int bin = BinOf(inner, probabilities[i]);
            sums[bin] += probabilities[i];
            trues[bin] += positives[i] ? 1.0 : 0.0;
            totals[bin]++;
        }

        int nonEmpty = 0;
        foreach (long t in totals)
        {
            if (t != 0)
            {
                nonEmpty++;
            }
        }

        var fraction = new double[nonEmpty];
        var mean = new double[nonEmpty];
        var counts = new long[nonEmpty];
        var bins = new int[nonEmpty];
        int k = 0;
        for (int b = 0; b < binCount; b++)
        {
            if (totals[b] == 0)
            {
                continue;
            }

            fraction[k] = trues[b] / totals[b];
            mean[k] = sums[b] / totals[b];
            counts[k] = totals[b];
            bins[k] = b;
            k++;
        }

        return new CalibrationCurve(fraction, mean, counts, edges, bins);
    }

    /// <summary>numpy <c>searchsorted(inner, p, side='left')</c>: the number of inner edges strictly below p.</summary>
    internal static int BinOf(ReadOnlySpan<double> inner, double p)
    {
        int lo = 0, hi = inner.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (inner[mid] < p)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// numpy's <c>percentile(p, linspace(0, 1, bins + 1) · 100)</c> with the default linear method, operation for
    /// operation: q = (i·step·100)/100, h = (n − 1)·q, and numpy's two-sided lerp.
    /// </summary>
    private static double[] QuantileEdges(ReadOnlySpan<double> probabilities, int binCount)
    {
        double[] sorted = probabilities.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        double[] quantiles = CurveMath.Linspace(0.0, 1.0, binCount + 1);
        var edges = new double[binCount + 1];
        for (int i = 0; i < edges.Length; i++)
        {
            double q = quantiles[i] * 100 / 100;
            double h = (n - 1) * q;
            if (h >= n - 1)
            {
                edges[i] = sorted[n - 1];
                continue;
            }

            int lo = (int)Math.Floor(h);
            double gamma = h - lo;
            double a = sorted[lo], b = sorted[lo + 1];
            double diff = b - a;
            edges[i] = gamma >= 0.5 ? b - (diff * (1 - gamma)) : a + (diff * gamma);
        }

        return edges;
    }

    /// <summary>One line per non-empty bin: "bin, count, mean predicted, fraction of positives".</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        for (int k = 0; k < Counts.Count; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Bins[k]}\t{Counts[k]}\t{MeanPredicted[k]:R}\t{FractionOfPositives[k]:R}").Append('\n');
        }

        return sb.ToString();
    }
}
