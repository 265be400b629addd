using System.Globalization;
using Verdict.Evaluation;

namespace Verdict.Gates;

/// <summary>Which way a metric improves.</summary>
public enum MetricDirection
{
    /// <summary>Higher values are better (precision, recall, ROC AUC...): a rule gives it a floor (<c>min</c>).</summary>
    HigherIsBetter = 0,

    /// <summary>Lower values are better (log loss, Brier score, Hamming loss): a rule gives it a ceiling (<c>max</c>).</summary>
    LowerIsBetter = 1,
}

/// <summary>How a metric's per-class values are combined in a rule (scikit-learn's <c>average</c>).</summary>
public enum MetricAverage
{
    /// <summary>No average: a whole-set metric, one class, or (binary) the positive class by default.</summary>
    None = 0,

    /// <summary>The positive class of a binary task (scikit-learn's <c>average="binary"</c>).</summary>
    Binary = 1,

    /// <summary>Pool the counts of every class, then score.</summary>
    Micro = 2,

    /// <summary>Score every class, then take the plain mean (ROC AUC on multiclass: one-vs-rest).</summary>
    Macro = 3,

    /// <summary>Score every class, then take the mean weighted by support (ROC AUC on multiclass: one-vs-rest).</summary>
    Weighted = 4,

    /// <summary>Score each row's label set, then take the mean (multilabel only).</summary>
    Samples = 5,

    /// <summary>Multiclass ROC AUC one-vs-one, plain mean over class pairs.</summary>
    OneVsOneMacro = 6,

    /// <summary>Multiclass ROC AUC one-vs-one, mean weighted by pair prevalence.</summary>
    OneVsOneWeighted = 7,
}

/// <summary>What a metric is computed from, which decides the averages and classes it accepts.</summary>
public enum MetricFamily
{
    /// <summary>A function of one class's confusion counts at the decision threshold (precision, recall, F1...).</summary>
    Counts = 0,

    /// <summary>A whole-set function of the confusion matrix (accuracy, MCC, kappa...): no average, no class.</summary>
    Overall = 1,

    /// <summary>A threshold-free ranking metric of the scores (ROC AUC, average precision).</summary>
    Ranking = 2,

    /// <summary>A score of the predicted probabilities themselves (log loss, Brier score): no average, no class.</summary>
    Probabilistic = 3,

    /// <summary>Top-k accuracy of multiclass scores (parameter k).</summary>
    TopK = 4,
}

/// <summary>
/// One metric a gate rule can name: its documented name, direction, range, the tasks it applies to and the averages
/// and classes it accepts there. The names are scikit-learn's (<c>matthews_corrcoef</c>, <c>log_loss</c>...) and the
/// keys of the <c>verdict/report/v1</c> JSON.
/// </summary>
public sealed class MetricInfo
{
    internal MetricInfo(string name, MetricFamily family, MetricDirection direction, double minimum, double maximum,
                        string summary, string? parameter = null, bool singleLabelOnly = false, bool samples = true)
    {
        Name = name;
        Family = family;
        Direction = direction;
        Minimum = minimum;
        Maximum = maximum;
        Summary = summary;
        Parameter = parameter;
        SingleLabelOnly = singleLabelOnly;
        HasSamplesAverage = samples;
    }

    /// <summary>The documented name, e.g. "f1", "roc_auc".</summary>
    public string Name { get; }

    /// <summary>What the metric is computed from.</summary>
    public MetricFamily Family { get; }

    /// <summary>Whether higher or lower is better.</summary>
    public MetricDirection Direction { get; }

    /// <summary>The lowest value the metric can take.</summary>
    public double Minimum { get; }

    /// <summary>The highest value the metric can take (+∞ for log loss); see <see cref="MaximumFor"/> for Brier.</summary>
    public double Maximum { get; }

    /// <summary>One line on what it measures.</summary>
    public string Summary { get; }

    /// <summary>The name of its required parameter ("beta" for fbeta, "k" for top_k_accuracy), or null.</summary>
    public string? Parameter { get; }

    /// <summary>Whether the metric needs a score (probability) column.</summary>
    public bool NeedsScores => Family is MetricFamily.Ranking or MetricFamily.Probabilistic or MetricFamily.TopK;

    private bool SingleLabelOnly { get; }

    private bool HasSamplesAverage { get; }

    /// <summary>The highest value on <paramref name="task"/>: the multiclass Brier score sums over classes and reaches 2.</summary>
    public double MaximumFor(TaskKind? task) => Name == "brier_score" && task != TaskKind.Binary ? 2.0 : Maximum;

    /// <summary>The range as text, e.g. "[0, 1]" or "[0, ∞)".</summary>
    public string RangeText(TaskKind? task)
    {
        double max = MaximumFor(task);
        string hi = double.IsPositiveInfinity(max) ? "∞)" : max.ToString(CultureInfo.InvariantCulture) + "]";
        return "[" + Minimum.ToString(CultureInfo.InvariantCulture) + ", " + hi;
    }

    /// <summary>Whether the metric is defined for <paramref name="task"/>.</summary>
    public bool AppliesTo(TaskKind task) => Family switch
    {
        MetricFamily.TopK => task == TaskKind.Multiclass,
        MetricFamily.Probabilistic => task != TaskKind.Multilabel,
        MetricFamily.Overall => !SingleLabelOnly || task != TaskKind.Multilabel,
        _ => true,
    };

    /// <summary>The averages a rule may name on <paramref name="task"/> (empty: none).</summary>
    public IReadOnlyList<MetricAverage> Averages(TaskKind task)
    {
        switch (Family)
        {
            case MetricFamily.Counts:
                return task switch
                {
                    TaskKind.Binary => [MetricAverage.Binary, MetricAverage.Micro, MetricAverage.Macro, MetricAverage.Weighted],
                    TaskKind.Multiclass => [MetricAverage.Micro, MetricAverage.Macro, MetricAverage.Weighted],
                    _ => HasSamplesAverage
                        ? [MetricAverage.Micro, MetricAverage.Macro, MetricAverage.Weighted, MetricAverage.Samples]
                        : [MetricAverage.Micro, MetricAverage.Macro, MetricAverage.Weighted],
                };
            case MetricFamily.Ranking:
                return task switch
                {
                    TaskKind.Binary => [],
                    TaskKind.Multiclass => Name == "roc_auc"
                        ? [MetricAverage.Macro, MetricAverage.Weighted, MetricAverage.OneVsOneMacro, MetricAverage.OneVsOneWeighted]
                        : [MetricAverage.Micro, MetricAverage.Macro, MetricAverage.Weighted],
                    _ => [MetricAverage.Micro, MetricAverage.Macro, MetricAverage.Weighted, MetricAverage.Samples],
                };
            default:
                return [];
        }
    }

    /// <summary>Whether a rule may name one class (or each class) for this metric on <paramref name="task"/>.</summary>
    public bool AcceptsClass(TaskKind task) =>
        Family == MetricFamily.Counts || (Family == MetricFamily.Ranking && task != TaskKind.Binary);

    /// <summary>
    /// Whether a rule must name an average or a class on <paramref name="task"/> (no default applies): per-class
    /// metrics of multiclass and multilabel data. Binary counts default to the positive class.
    /// </summary>
    public bool NeedsAverageOrClass(TaskKind task) => Averages(task).Count > 0 && task != TaskKind.Binary;
}

/// <summary>The metrics a gate rule can name, by their documented names.</summary>
/// <example>
/// <code>
/// MetricCatalog.Find("log_loss")!.Direction;          // LowerIsBetter
/// MetricCatalog.Find("matthews_corrcoef")!.Minimum;   // -1
/// MetricCatalog.AverageName(MetricAverage.Macro);     // "macro"
/// </code>
/// </example>
public static class MetricCatalog
{
    private static readonly MetricInfo[] Metrics =
    [
        new("precision", MetricFamily.Counts, MetricDirection.HigherIsBetter, 0, 1, "TP / (TP + FP)"),
        new("recall", MetricFamily.Counts, MetricDirection.HigherIsBetter, 0, 1, "TP / (TP + FN) (sensitivity)"),
        new("f1", MetricFamily.Counts, MetricDirection.HigherIsBetter, 0, 1, "2TP / (2TP + FP + FN)"),
        new("fbeta", MetricFamily.Counts, MetricDirection.HigherIsBetter, 0, 1, "(1+β²)TP / ((1+β²)TP + β²FN + FP)", parameter: "beta", samples: false),
        new("jaccard", MetricFamily.Counts, MetricDirection.HigherIsBetter, 0, 1, "TP / (TP + FP + FN)"),
        new("specificity", MetricFamily.Counts, MetricDirection.HigherIsBetter, 0, 1, "TN / (TN + FP)", samples: false),
        new("npv", MetricFamily.Counts, MetricDirection.HigherIsBetter, 0, 1, "TN / (TN + FN) (negative predictive value)", samples: false),
        new("accuracy", MetricFamily.Overall, MetricDirection.HigherIsBetter, 0, 1, "fraction of correct rows (multilabel: exact label sets)"),
        new("balanced_accuracy", MetricFamily.Overall, MetricDirection.HigherIsBetter, 0, 1, "mean recall over the classes present", singleLabelOnly: true),
        new("matthews_corrcoef", MetricFamily.Overall, MetricDirection.HigherIsBetter, -1, 1, "Matthews correlation coefficient", singleLabelOnly: true),
        new("cohen_kappa", MetricFamily.Overall, MetricDirection.HigherIsBetter, -1, 1, "Cohen's kappa", singleLabelOnly: true),
        new("hamming_loss", MetricFamily.Overall, MetricDirection.LowerIsBetter, 0, 1, "fraction of wrong labels"),
        new("roc_auc", MetricFamily.Ranking, MetricDirection.HigherIsBetter, 0, 1, "area under the ROC curve"),
        new("average_precision", MetricFamily.Ranking, MetricDirection.HigherIsBetter, 0, 1, "area under the precision-recall curve (step sum)"),
        new("log_loss", MetricFamily.Probabilistic, MetricDirection.LowerIsBetter, 0, double.PositiveInfinity, "cross-entropy of the probabilities"),
        new("brier_score", MetricFamily.Probabilistic, MetricDirection.LowerIsBetter, 0, 1, "mean squared error of the probabilities ([0, 2] on multiclass)"),
        new("top_k_accuracy", MetricFamily.TopK, MetricDirection.HigherIsBetter, 0, 1, "fraction of rows whose class is among the k highest scores", parameter: "k"),
    ];

    private static readonly (MetricAverage Average, string Name)[] AverageNames =
    [
        (MetricAverage.Binary, "binary"),
        (MetricAverage.Micro, "micro"),
        (MetricAverage.Macro, "macro"),
        (MetricAverage.Weighted, "weighted"),
        (MetricAverage.Samples, "samples"),
        (MetricAverage.OneVsOneMacro, "ovo_macro"),
        (MetricAverage.OneVsOneWeighted, "ovo_weighted"),
    ];

    /// <summary>Every metric, in documentation order.</summary>
    public static IReadOnlyList<MetricInfo> All => Metrics;

    /// <summary>Every metric name.</summary>
    public static IReadOnlyList<string> Names => [.. Metrics.Select(m => m.Name)];

    /// <summary>Every average name: binary, micro, macro, weighted, samples, ovo_macro, ovo_weighted.</summary>
    public static IReadOnlyList<string> AverageNameList => [.. AverageNames.Select(a => a.Name)];

    /// <summary>The metric named <paramref name="name"/> (exact, lower case), or null.</summary>
    public static MetricInfo? Find(string name) => Array.Find(Metrics, m => m.Name == name);

    /// <summary>The metric named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No metric has that name.</exception>
    public static MetricInfo Get(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not a Verdict metric; the metrics are {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The spec name of an average ("macro"); empty for <see cref="MetricAverage.None"/>.</summary>
    public static string AverageName(MetricAverage average)
    {
        foreach ((MetricAverage a, string n) in AverageNames)
        {
            if (a == average)
            {
                return n;
            }
        }

        return string.Empty;
    }

    /// <summary>The average named <paramref name="name"/> ("ovr_macro" and "ovr_weighted" are aliases of macro and weighted), or null.</summary>
    public static MetricAverage? FindAverage(string name)
    {
        switch (name)
        {
            case "ovr_macro":
                return MetricAverage.Macro;
            case "ovr_weighted":
                return MetricAverage.Weighted;
        }

        foreach ((MetricAverage a, string n) in AverageNames)
        {
            if (n == name)
            {
                return a;
            }
        }

        return null;
    }
}
