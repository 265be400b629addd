namespace Verdict.Counts;

/// <summary>
/// The sufficient statistic of samples averaging for multilabel data: how many rows (and how much
/// weight) had each combination of per-row TP, FP and FN. Per-row scores are functions of the triple,
/// so a histogram of triples gives every samples average exactly, in memory that does not grow with rows.
/// </summary>
public sealed class SampleCounts
{
    private readonly Dictionary<(int Tp, int Fp, int Fn), (long Rows, double Weight)> _cells;

    internal SampleCounts(Dictionary<(int Tp, int Fp, int Fn), (long Rows, double Weight)> cells) => _cells = cells;

    /// <summary>Each distinct per-row (TP, FP, FN) triple with its row count and weight sum.</summary>
    public IEnumerable<(int TruePositives, int FalsePositives, int FalseNegatives, long Rows, double Weight)> Triples
    {
        get
        {
            foreach (KeyValuePair<(int Tp, int Fp, int Fn), (long Rows, double Weight)> kv in _cells)
            {
                yield return (kv.Key.Tp, kv.Key.Fp, kv.Key.Fn, kv.Value.Rows, kv.Value.Weight);
            }
        }
    }

    /// <summary>Total weight (rows when unweighted).</summary>
    public double TotalWeight
    {
        get
        {
            double t = 0;
            foreach ((long _, double w) in _cells.Values)
            {
                t += w;
            }

            return t;
        }
    }

    /// <summary>
    /// The weighted mean over rows of <paramref name="score"/>(TP, FP, FN). Rows whose score is NaN are left out
    /// (scikit-learn's <c>_nanaverage</c>); the result is NaN when every row is, or when there are no rows.
    /// When every weight is 0, rows count equally.
    /// </summary>
    public double Mean(Func<BinaryCounts, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        double sum = 0, weight = 0, plainSum = 0;
        long rows = 0;
        foreach (KeyValuePair<(int Tp, int Fp, int Fn), (long Rows, double Weight)> kv in _cells)
        {
            double v = score(new BinaryCounts(kv.Key.Tp, kv.Key.Fp, kv.Key.Fn, 0));
            if (double.IsNaN(v))
            {
                continue;
            }

            sum += v * kv.Value.Weight;
            weight += kv.Value.Weight;
            plainSum += v * kv.Value.Rows;
            rows += kv.Value.Rows;
        }

        if (rows == 0)
        {
            return double.NaN;
        }

        return weight > 0 ? sum / weight : plainSum / rows;
    }
}
