using System.Globalization;
using Verdict.Counts;
using Verdict.Scores;

namespace Verdict.Reports;

/// <summary>One row of a counts table: a class and its one-vs-rest TP, FP, FN and optional TN.</summary>
/// <param name="Class">Class name.</param>
/// <param name="TruePositives">True positives.</param>
/// <param name="FalsePositives">False positives.</param>
/// <param name="FalseNegatives">False negatives.</param>
/// <param name="TrueNegatives">True negatives, or null when not given.</param>
public sealed record CountsRow(string Class, long TruePositives, long FalsePositives, long FalseNegatives, long? TrueNegatives = null);

/// <summary>Averaged precision, recall and F1 of a counts table, and micro accuracy when every TN is given.</summary>
/// <param name="Precision">Precision.</param>
/// <param name="Recall">Recall.</param>
/// <param name="F1">F1.</param>
/// <param name="Accuracy">(ΣTP + ΣTN) / Σall for micro when TN is given; otherwise null.</param>
public sealed record CountsAverage(double Precision, double Recall, double F1, double? Accuracy = null);

/// <summary>
/// The metrics calculator: per-class TP, FP, FN (and optional TN) in; per-class precision, recall, F1 and
/// support, totals, and micro, macro and weighted averages out. Undefined scores (0/0) are 0, the textbook and
/// scikit-learn default, and are listed in <see cref="Undefined"/>.
/// </summary>
/// <example>
/// The micro-vs-macro explainer table (TP 10/20/5, FP 2/10/1, FN 3/12/1): macro F1 = 0.7595 (rounding per-class
/// F1 to 0.8/0.6/0.8 first would give 0.73), micro F1 = 70/99 = 0.7071; ΣFP = 13 ≠ ΣFN = 16, so a warning says the
/// table is one-vs-rest or multilabel counts.
/// </example>
public sealed class CountsTable
{
    private CountsTable(IReadOnlyList<CountsRow> rows, ClassScores scores, CountsAverage micro, CountsAverage macro,
                        CountsAverage weighted, BinaryCounts totals, bool hasTrueNegatives, IReadOnlyList<string> warnings,
                        IReadOnlyList<UndefinedScore> undefined)
    {
        Rows = rows;
        Scores = scores;
        Micro = micro;
        Macro = macro;
        Weighted = weighted;
        Totals = totals;
        HasTrueNegatives = hasTrueNegatives;
        Warnings = warnings;
        Undefined = undefined;
    }

    /// <summary>The input rows.</summary>
    public IReadOnlyList<CountsRow> Rows { get; }

    /// <summary>Per-class precision, recall, F1 and support, in row order.</summary>
    public ClassScores Scores { get; }

    /// <summary>Micro averages (pooled counts), with accuracy when TN is given.</summary>
    public CountsAverage Micro { get; }

    /// <summary>Macro averages (plain mean over classes).</summary>
    public CountsAverage Macro { get; }

    /// <summary>Averages weighted by support (TP + FN).</summary>
    public CountsAverage Weighted { get; }

    /// <summary>ΣTP, ΣFP, ΣFN and ΣTN (0 when TN is not given).</summary>
    public BinaryCounts Totals { get; }

    /// <summary>Whether every row gave TN.</summary>
    public bool HasTrueNegatives { get; }

    /// <summary>Warnings about the table (e.g. ΣFP ≠ ΣFN).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Per-class cells whose denominator was 0.</summary>
    public IReadOnlyList<UndefinedScore> Undefined { get; }

    /// <summary>Computes the table's metrics.</summary>
    /// <exception cref="ArgumentException">No rows, a negative count, a repeated class, or TN given for some rows only.</exception>
    public static CountsTable Create(IReadOnlyList<CountsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A counts table needs at least one class row.", nameof(rows));
        }

        int withTn = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new BinaryCounts[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            CountsRow r = rows[i];
            if (!seen.Add(r.Class))
            {
                throw new ArgumentException($"Class '{r.Class}' appears twice; give one row per class.", nameof(rows));
            }

            if (r.TruePositives < 0 || r.FalsePositives < 0 || r.FalseNegatives < 0 || r.TrueNegatives < 0)
            {
                throw new ArgumentException($"Class '{r.Class}' has a negative count; counts must be >= 0.", nameof(rows));
            }

            withTn += r.TrueNegatives is null ? 0 : 1;
            counts[i] = new BinaryCounts(r.TruePositives, r.FalsePositives, r.FalseNegatives, r.TrueNegatives ?? 0);
        }

        if (withTn != 0 && withTn != rows.Count)
        {
            throw new ArgumentException("TN is given for some classes but not others; give it for every class or for none.", nameof(rows));
        }

        bool hasTn = withTn == rows.Count;
        ClassScores scores = ClassScores.Compute(counts);
        BinaryCounts totals = BinaryCounts.Sum(counts);
        AveragedScores micro = scores.Averaged(Average.Micro), macro = scores.Averaged(Average.Macro);
        AveragedScores weighted = totals.Support > 0 ? scores.Averaged(Average.Weighted) : default;
        double? accuracy = hasTn ? Score.Divide(totals.TruePositives + totals.TrueNegatives, totals.Total, ZeroDivision.Zero) : null;
        var warnings = new List<string>();
        if (totals.FalsePositives != totals.FalseNegatives)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"ΣFP ({totals.FalsePositives}) ≠ ΣFN ({totals.FalseNegatives}): these counts cannot come from single-label multiclass predictions (each wrong prediction is one FP and one FN); they are one-vs-rest or multilabel counts, so micro precision and micro recall differ."));
        }

        string[] names = [.. rows.Select(r => r.Class)];
        return new CountsTable(rows, scores,
            new CountsAverage(micro.Precision, micro.Recall, micro.FScore, accuracy),
            new CountsAverage(macro.Precision, macro.Recall, macro.FScore),
            new CountsAverage(weighted.Precision, weighted.Recall, weighted.FScore),
            totals, hasTn, warnings, scores.Undefined(names));
    }
}
