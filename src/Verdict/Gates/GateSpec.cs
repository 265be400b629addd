using Verdict.Evaluation;
using Verdict.Scores;
using Verdict.Thresholds;

namespace Verdict.Gates;

/// <summary>What an undefined (NaN) metric does to a rule.</summary>
public enum UndefinedPolicy
{
    /// <summary>The rule fails (the default: a gate should not pass on a number it could not compute).</summary>
    Fail = 0,

    /// <summary>The rule passes (and says it was undefined).</summary>
    Pass = 1,

    /// <summary>The rule is left out: it neither passes nor fails.</summary>
    Ignore = 2,
}

/// <summary>Where something was written in a spec file (1-based line and column), for error messages.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SpecLocation(int Line, int Column);

/// <summary>
/// The columns of the prediction file a spec evaluates. Multilabel data names one column per label in
/// <see cref="Actual"/> and <see cref="Predicted"/> (and <see cref="Scores"/>).
/// </summary>
/// <param name="Actual">Actual-label column(s); empty: the report's defaults (y_true, actual, label).</param>
/// <param name="Predicted">Predicted-label column(s), or empty (predictions from the scores, or the default column).</param>
/// <param name="Score">Binary: the positive class's score column.</param>
/// <param name="Scores">Multiclass/multilabel: one score column per class, each with its label (null: positional).</param>
/// <param name="Weight">Sample-weight column.</param>
public sealed record SpecColumns(IReadOnlyList<string> Actual, IReadOnlyList<string> Predicted, string? Score = null,
                                 IReadOnlyList<ScoreColumn>? Scores = null, string? Weight = null)
{
    /// <summary>No columns named: every default applies.</summary>
    public static SpecColumns Defaults { get; } = new([], []);

    /// <summary>Whether any score column is named.</summary>
    public bool HasScores => Score is not null || Scores is { Count: > 0 };
}

/// <summary>A score column and the class it scores (null: the class in that position).</summary>
/// <param name="Label">The class, or null.</param>
/// <param name="Column">The column name.</param>
public sealed record ScoreColumn(string? Label, string Column);

/// <summary>How the spec's predictions are made.</summary>
public enum ThresholdMode
{
    /// <summary>The predicted column, else binary scores &gt;= 0.5 (the report's default).</summary>
    Default = 0,

    /// <summary>Predict positive where score &gt;= a fixed threshold.</summary>
    Fixed = 1,

    /// <summary>One threshold per class (multilabel: per label column; binary: the positive class's).</summary>
    PerClass = 2,

    /// <summary>The threshold an objective selects on the data, subject to a constraint (binary).</summary>
    Optimized = 3,
}

/// <summary>The decision threshold of a spec: fixed, per class, or chosen by an objective with a constraint.</summary>
/// <param name="Mode">How predictions are made.</param>
/// <param name="Value">The fixed threshold (<see cref="ThresholdMode.Fixed"/>).</param>
/// <param name="PerClass">Thresholds by class (<see cref="ThresholdMode.PerClass"/>).</param>
/// <param name="Objective">What the threshold maximises (<see cref="ThresholdMode.Optimized"/>).</param>
/// <param name="Constraint">What the chosen threshold must meet, or null.</param>
public sealed record ThresholdSpec(ThresholdMode Mode, double Value = 0.5, IReadOnlyDictionary<string, double>? PerClass = null,
                                   ThresholdObjective? Objective = null, ThresholdConstraint? Constraint = null)
{
    /// <summary>No threshold given: the predicted column (or 0.5 on binary scores).</summary>
    public static ThresholdSpec Default { get; } = new(ThresholdMode.Default);

    /// <summary>Predict positive where score &gt;= <paramref name="threshold"/>.</summary>
    public static ThresholdSpec Fixed(double threshold) => new(ThresholdMode.Fixed, threshold);

    /// <summary>The threshold <paramref name="objective"/> selects, among those meeting <paramref name="constraint"/>.</summary>
    public static ThresholdSpec Optimize(ThresholdObjective objective, ThresholdConstraint? constraint = null) =>
        new(ThresholdMode.Optimized, Objective: objective, Constraint: constraint);

    /// <summary>Whether predictions come from the scores rather than a predicted column.</summary>
    public bool UsesScores => Mode != ThresholdMode.Default;
}

/// <summary>
/// One rule: a metric (with its average or class) and a bound. <c>min</c> is a floor, <c>max</c> a ceiling; both may
/// be given. A rule without bounds only compares with the baseline.
/// </summary>
/// <param name="Metric">What the rule reads.</param>
/// <param name="Min">The value must be &gt;= this, or null.</param>
/// <param name="Max">The value must be &lt;= this, or null.</param>
public sealed record GateRule(MetricReference Metric, double? Min = null, double? Max = null)
{
    /// <summary>What an undefined value does to this rule; null: the spec's policy.</summary>
    public UndefinedPolicy? Undefined { get; init; }

    /// <summary>The direction the spec states for the metric (it must agree with the catalogue), or null.</summary>
    public MetricDirection? Direction { get; init; }

    /// <summary>Where the rule is written in the spec file, or null.</summary>
    public SpecLocation? Location { get; init; }
}

/// <summary>A baseline comparison: the previous report and how far each value may fall.</summary>
/// <param name="Report">Path of the previous <c>verdict/report/v1</c> JSON (relative to the spec file), or null.</param>
/// <param name="MaxDrop">Allowed drops by key ("f1@macro", "roc_auc", "f1[each]"); keys that are no rule's add a baseline-only check.</param>
/// <param name="DefaultMaxDrop">The allowed drop of every other rule; null: those rules show their change but never fail on it.</param>
public sealed record BaselineSpec(string? Report, IReadOnlyList<DropAllowance> MaxDrop, double? DefaultMaxDrop = null)
{
    /// <summary>The allowance for <paramref name="reference"/>'s key (or the <c>[each]</c> key of <paramref name="expandedFrom"/>), else the default.</summary>
    public double? AllowanceFor(MetricReference reference, MetricReference? expandedFrom)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string key = reference.Key;
        foreach (DropAllowance d in MaxDrop)
        {
            if (d.Metric.Key == key)
            {
                return d.MaxDrop;
            }
        }

        if (expandedFrom is not null)
        {
            string each = expandedFrom.Key;
            foreach (DropAllowance d in MaxDrop)
            {
                if (d.Metric.Key == each)
                {
                    return d.MaxDrop;
                }
            }
        }

        return DefaultMaxDrop;
    }
}

/// <summary>How far one value may fall from the baseline (in its bad direction: a rise for lower-is-better metrics).</summary>
/// <param name="Metric">The value.</param>
/// <param name="MaxDrop">The largest allowed drop, &gt;= 0.</param>
public sealed record DropAllowance(MetricReference Metric, double MaxDrop)
{
    /// <summary>Where it is written in the spec file, or null.</summary>
    public SpecLocation? Location { get; init; }
}

/// <summary>
/// A metric spec (version 1): what to evaluate (task, columns, labels, positive or critical class, zero-division
/// policy, threshold) and the rules a CI gate checks. Parsed from YAML by the CLI; data only.
/// </summary>
/// <param name="Version">The spec format version (1).</param>
/// <param name="Rules">The rules, in spec order.</param>
public sealed record GateSpec(int Version, IReadOnlyList<GateRule> Rules)
{
    /// <summary>The task, or null to detect it from the labels.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The prediction file's columns.</summary>
    public SpecColumns Columns { get; init; } = SpecColumns.Defaults;

    /// <summary>The labels to report, in order (a selection), or null for every label in the data.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The positive class of a binary task.</summary>
    public string? Positive { get; init; }

    /// <summary>Multiclass/multilabel: the class a counts rule reads when it names neither average nor class.</summary>
    public string? Critical { get; init; }

    /// <summary>The value of 0/0 scores (zero, one, or NaN which makes them undefined).</summary>
    public ZeroDivision ZeroDivision { get; init; }

    /// <summary>How predictions are made.</summary>
    public ThresholdSpec Threshold { get; init; } = ThresholdSpec.Default;

    /// <summary>The baseline comparison, or null.</summary>
    public BaselineSpec? Baseline { get; init; }

    /// <summary>What an undefined metric does to a rule (default: fail).</summary>
    public UndefinedPolicy Undefined { get; init; }

    /// <summary>The top-k values the rules read (for the report to compute).</summary>
    public IReadOnlyList<int> TopK => [.. Rules.Select(r => r.Metric)
        .Concat(Baseline?.MaxDrop.Select(d => d.Metric) ?? [])
        .Where(m => m.Metric == "top_k_accuracy" && m.Parameter is double)
        .Select(m => (int)m.Parameter!.Value)
        .Distinct()];
}
