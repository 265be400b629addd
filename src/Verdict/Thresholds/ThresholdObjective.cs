using Verdict.Counts;
using Verdict.Curves;
using Verdict.Scores;

namespace Verdict.Thresholds;

/// <summary>What a chosen threshold maximises (or, for cost, minimises).</summary>
public enum ObjectiveKind
{
    /// <summary>F-beta (F1 with β = 1).</summary>
    FBeta = 0,

    /// <summary>Youden's J = TPR − FPR.</summary>
    YoudenJ = 1,

    /// <summary>Expected cost per row (cost_FP·FP + cost_FN·FN) / rows, minimised.</summary>
    Cost = 2,

    /// <summary>Recall (usually with a minimum precision).</summary>
    Recall = 3,

    /// <summary>Precision (usually with a minimum recall).</summary>
    Precision = 4,
}

/// <summary>A threshold-selection objective with its parameters.</summary>
/// <param name="Kind">What to optimise.</param>
/// <param name="Beta">β of F-beta.</param>
/// <param name="FalsePositiveCost">Cost of one false positive (Cost objective).</param>
/// <param name="FalseNegativeCost">Cost of one false negative (Cost objective).</param>
public sealed record ThresholdObjective(ObjectiveKind Kind, double Beta = 1.0, double FalsePositiveCost = 1.0, double FalseNegativeCost = 1.0)
{
    /// <summary>The objective's value at <paramref name="c"/> (NaN where undefined).</summary>
    public double Value(in BinaryCounts c) => Kind switch
    {
        ObjectiveKind.FBeta => Score.FBeta(c, Beta),
        ObjectiveKind.YoudenJ => Score.Recall(c, ZeroDivision.NaN) - Score.FalsePositiveRate(c, ZeroDivision.NaN),
        ObjectiveKind.Cost => ((FalsePositiveCost * c.FalsePositives) + (FalseNegativeCost * c.FalseNegatives)) / c.Total,
        ObjectiveKind.Recall => Score.Recall(c, ZeroDivision.NaN),
        _ => Score.Precision(c, ZeroDivision.NaN),
    };

    /// <summary>A short name: f1, fbeta:2, youden, cost:FP,FN, recall, precision.</summary>
    public override string ToString() => Kind switch
    {
        ObjectiveKind.FBeta => Beta == 1 ? "f1" : FormattableString.Invariant($"fbeta:{Beta}"),
        ObjectiveKind.YoudenJ => "youden",
        ObjectiveKind.Cost => FormattableString.Invariant($"cost:{FalsePositiveCost},{FalseNegativeCost}"),
        ObjectiveKind.Recall => "recall",
        _ => "precision",
    };
}

/// <summary>Constraints a chosen threshold must meet.</summary>
/// <param name="MinPrecision">Precision must be at least this (nothing predicted never qualifies).</param>
/// <param name="MinRecall">Recall must be at least this.</param>
public sealed record ThresholdConstraint(double? MinPrecision = null, double? MinRecall = null)
{
    /// <summary>Whether <paramref name="c"/> meets every constraint.</summary>
    public bool Allows(in BinaryCounts c) =>
        (MinPrecision is not double p || (c.PredictedPositives > 0 && Score.Precision(c) >= p)) &&
        (MinRecall is not double r || Score.Recall(c, ZeroDivision.NaN) >= r);
}

/// <summary>Threshold selection by objective and constraints, over the candidates of a curve.</summary>
public static class ThresholdSearch
{
    /// <summary>
    /// The best candidate threshold (+∞, then every curve threshold) for <paramref name="objective"/> among those meeting
    /// <paramref name="constraint"/>; ties go to the highest threshold; null when no candidate qualifies.
    /// </summary>
    public static OperatingPoint? Select(BinaryCurve curve, ThresholdObjective objective, ThresholdConstraint? constraint = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(objective);
        ThresholdConstraint allowed = constraint ?? new ThresholdConstraint();
        return Candidates.Best(curve, c => allowed.Allows(c), c => objective.Value(c), minimise: objective.Kind == ObjectiveKind.Cost);
    }
}
