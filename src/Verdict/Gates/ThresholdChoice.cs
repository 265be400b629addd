using System.Globalization;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Internal;
using Verdict.Scores;
using Verdict.Thresholds;

namespace Verdict.Gates;

/// <summary>
/// The decision threshold a spec settled on for binary scores: predict positive where score &gt;= <see cref="Threshold"/>.
/// </summary>
/// <param name="Threshold">The threshold (+∞: nothing is predicted positive).</param>
/// <param name="Description">How it was chosen, e.g. "fixed" or "max recall subject to precision >= 0.8".</param>
/// <param name="ConstraintMet">False when no threshold met the spec's constraint (the gate then fails; the threshold is the unconstrained best).</param>
/// <param name="Counts">TP, FP, FN and TN at the threshold.</param>
public sealed record ThresholdChoice(double Threshold, string Description, bool ConstraintMet, BinaryCounts Counts)
{
    /// <summary>
    /// The threshold <paramref name="spec"/> gives on <paramref name="curve"/>: the fixed value (or the positive class's
    /// per-class value), or the candidate its objective selects subject to its constraint (ties: the highest threshold).
    /// When no candidate meets the constraint, the unconstrained best is returned with <see cref="ConstraintMet"/> false.
    /// </summary>
    /// <example>
    /// <code>
    /// var curve = BinaryCurve.Compute(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { false, false, true, true });
    /// var spec = ThresholdSpec.Optimize(new ThresholdObjective(ObjectiveKind.Recall), new ThresholdConstraint(MinPrecision: 0.6));
    /// ThresholdChoice.Choose(spec, curve, "1").Threshold;   // 0.35 (recall 1 at precision 2/3)
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">The spec does not threshold binary scores (mode Default, or per-class without the positive class).</exception>
    public static ThresholdChoice Choose(ThresholdSpec spec, BinaryCurve curve, string positive)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(curve);
        switch (spec.Mode)
        {
            case ThresholdMode.Fixed:
                return new ThresholdChoice(spec.Value, "fixed", true, ThresholdSweep.CountsAt(curve, [spec.Value])[0]);
            case ThresholdMode.PerClass:
                if (spec.PerClass is null || !spec.PerClass.TryGetValue(positive, out double t))
                {
                    throw new ArgumentException($"The per-class thresholds name no threshold for the positive class '{positive}'.", nameof(spec));
                }

                return new ThresholdChoice(t, $"per class ('{positive}')", true, ThresholdSweep.CountsAt(curve, [t])[0]);
            case ThresholdMode.Optimized:
                ThresholdObjective objective = spec.Objective ?? new ThresholdObjective(ObjectiveKind.FBeta);
                string goal = (objective.Kind == ObjectiveKind.Cost ? "min " : "max ") + objective;
                string constraint = Describe(spec.Constraint);
                if (ThresholdSearch.Select(curve, objective, spec.Constraint) is OperatingPoint p)
                {
                    return new ThresholdChoice(p.Threshold, goal + constraint, true, p.Counts);
                }

                OperatingPoint? free = ThresholdSearch.Select(curve, objective);
                double threshold = free?.Threshold ?? double.PositiveInfinity;
                BinaryCounts counts = free?.Counts ?? new BinaryCounts(0, 0, curve.Positives, curve.Negatives);
                return new ThresholdChoice(threshold, goal + constraint, false, counts);
            default:
                throw new ArgumentException("The spec gives no threshold: predictions come from the predicted column.", nameof(spec));
        }
    }

    /// <summary>" subject to precision >= 0.8, recall >= 0.5", or empty without a constraint.</summary>
    public static string Describe(ThresholdConstraint? constraint)
    {
        var parts = new List<string>();
        if (constraint?.MinPrecision is double p)
        {
            parts.Add("precision >= " + p.ToString(CultureInfo.InvariantCulture));
        }

        if (constraint?.MinRecall is double r)
        {
            parts.Add("recall >= " + r.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? string.Empty : " subject to " + string.Join(", ", parts);
    }

    /// <summary>One line: "0.2041 (max recall subject to precision >= 0.8: precision 0.8001, recall 0.7526)".</summary>
    public string ToText(int digits = 4)
    {
        string t = double.IsPositiveInfinity(Threshold) ? "+inf" : Threshold.ToString("R", CultureInfo.InvariantCulture);
        string at = string.Create(CultureInfo.InvariantCulture,
            $"precision {Fmt(Score.Precision(Counts, ZeroDivision.NaN), digits)}, recall {Fmt(Score.Recall(Counts, ZeroDivision.NaN), digits)}");
        string met = ConstraintMet ? string.Empty : "; NO threshold meets the constraint";
        return $"{t} ({Description}: {at}{met})";
    }

    private static string Fmt(double v, int digits) => double.IsNaN(v) ? "undefined" : PyFormat.Fixed(v, digits);
}
