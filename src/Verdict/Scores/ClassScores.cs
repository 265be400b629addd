using Verdict.Counts;

namespace Verdict.Scores;

/// <summary>
/// Per-class precision, recall, F-beta and support (scikit-learn's <c>precision_recall_fscore_support</c> with
/// <c>average=None</c>) and their averages, all from per-class counts.
/// </summary>
public sealed class ClassScores
{
    private readonly BinaryCounts[] _counts;

    private ClassScores(BinaryCounts[] counts, SampleCounts? samples, double beta, ZeroDivision zeroDivision,
                        double[] precision, double[] recall, double[] fScore, double[] support)
    {
        _counts = counts;
        Samples = samples;
        Beta = beta;
        ZeroDivision = zeroDivision;
        Precision = precision;
        Recall = recall;
        FScore = fScore;
        Support = support;
    }

    /// <summary>β of the F-score (1 for F1).</summary>
    public double Beta { get; }

    /// <summary>The zero-division policy used.</summary>
    public ZeroDivision ZeroDivision { get; }

    /// <summary>Per-class counts, in class order.</summary>
    public IReadOnlyList<BinaryCounts> Counts => _counts;

    /// <summary>Per-row statistics (multilabel), or null.</summary>
    public SampleCounts? Samples { get; }

    /// <summary>Precision of each class.</summary>
    public IReadOnlyList<double> Precision { get; }

    /// <summary>Recall of each class.</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>F-beta of each class.</summary>
    public IReadOnlyList<double> FScore { get; }

    /// <summary>Support (TP + FN) of each class.</summary>
    public IReadOnlyList<double> Support { get; }

    /// <summary>Scores each class of <paramref name="counts"/>; <paramref name="samples"/> enables samples averaging.</summary>
    public static ClassScores Compute(ReadOnlySpan<BinaryCounts> counts, double beta = 1.0,
                                      ZeroDivision zeroDivision = ZeroDivision.Zero, SampleCounts? samples = null)
    {
        if (double.IsNaN(beta) || beta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be >= 0.");
        }

        int k = counts.Length;
        double[] p = new double[k], r = new double[k], f = new double[k], s = new double[k];
        for (int i = 0; i < k; i++)
        {
            p[i] = Score.Precision(counts[i], zeroDivision);
            r[i] = Score.Recall(counts[i], zeroDivision);
            f[i] = Score.FBeta(counts[i], beta, zeroDivision);
            s[i] = counts[i].Support;
        }

        return new ClassScores(counts.ToArray(), samples, beta, zeroDivision, p, r, f, s);
    }

    /// <summary>Precision, recall and F averaged as asked, with the total support.</summary>
    public AveragedScores Averaged(Average average)
    {
        double beta = Beta;
        ZeroDivision zd = ZeroDivision;
        double support = Internal.NumpySum.Sum(((double[])Support).AsSpan());

        return new AveragedScores(
            Averaging.Apply(_counts, Samples, average, c => Score.Precision(c, zd)),
            Averaging.Apply(_counts, Samples, average, c => Score.Recall(c, zd)),
            Averaging.Apply(_counts, Samples, average, c => Score.FBeta(c, beta, zd)),
            support);
    }

    /// <summary>
    /// Every per-class cell that was undefined, with the reason, named by <paramref name="names"/>.
    /// </summary>
    public IReadOnlyList<UndefinedScore> Undefined(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var notes = new List<UndefinedScore>();
        for (int i = 0; i < _counts.Length; i++)
        {
            BinaryCounts c = _counts[i];
            if (c.PredictedPositives == 0)
            {
                notes.Add(new UndefinedScore(names[i], "precision", "no predicted samples (TP + FP = 0)"));
            }

            if (c.Support == 0)
            {
                notes.Add(new UndefinedScore(names[i], "recall", "no true samples (TP + FN = 0)"));
            }

            if (c.TruePositives + c.FalsePositives + c.FalseNegatives == 0)
            {
                notes.Add(new UndefinedScore(names[i], "f-score", "no true nor predicted samples (TP + FP + FN = 0)"));
            }
        }

        return notes;
    }
}

/// <summary>Averaged precision, recall and F, and the total support they cover.</summary>
/// <param name="Precision">Averaged precision.</param>
/// <param name="Recall">Averaged recall.</param>
/// <param name="FScore">Averaged F-beta.</param>
/// <param name="Support">Total support of the classes averaged.</param>
public readonly record struct AveragedScores(double Precision, double Recall, double FScore, double Support);
