namespace Verdict.Counts;

/// <summary>
/// Counts for one class against the rest, or for one threshold: the sufficient statistic of every
/// thresholded score. Values are counts of rows, or sums of sample weights when weights are given
/// (integers are exact up to 2^53 rows).
/// </summary>
/// <param name="TruePositives">Rows of the class predicted as the class.</param>
/// <param name="FalsePositives">Rows of other classes predicted as the class.</param>
/// <param name="FalseNegatives">Rows of the class predicted as another class.</param>
/// <param name="TrueNegatives">Rows of other classes predicted as another class.</param>
public readonly record struct BinaryCounts(double TruePositives, double FalsePositives,
                                           double FalseNegatives, double TrueNegatives)
{
    /// <summary>Rows whose actual label is the class: TP + FN.</summary>
    public double Support => TruePositives + FalseNegatives;

    /// <summary>Rows predicted as the class: TP + FP.</summary>
    public double PredictedPositives => TruePositives + FalsePositives;

    /// <summary>Rows whose actual label is not the class: FP + TN.</summary>
    public double Negatives => FalsePositives + TrueNegatives;

    /// <summary>All rows: TP + FP + FN + TN.</summary>
    public double Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    /// <summary>Element-wise sum (pooling, as micro averaging does).</summary>
    public static BinaryCounts operator +(BinaryCounts a, BinaryCounts b) => new(
        a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives,
        a.FalseNegatives + b.FalseNegatives, a.TrueNegatives + b.TrueNegatives);

    /// <summary>Element-wise sum, for languages without operators.</summary>
    public static BinaryCounts Add(BinaryCounts left, BinaryCounts right) => left + right;

    /// <summary>The sum of all <paramref name="counts"/>.</summary>
    public static BinaryCounts Sum(ReadOnlySpan<BinaryCounts> counts)
    {
        BinaryCounts total = default;
        foreach (BinaryCounts c in counts)
        {
            total += c;
        }

        return total;
    }
}
