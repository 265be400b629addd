using Verdict.Evaluation;

namespace Verdict.Gates;

/// <summary>A starter rule with the value it was derived from and the section it belongs to.</summary>
/// <param name="Rule">The rule (a floor, or a ceiling for lower-is-better metrics).</param>
/// <param name="Current">The value on the data the spec was started from.</param>
/// <param name="Section">"overall", "per class" or "scores", for grouping with comments.</param>
public sealed record StarterRule(GateRule Rule, double Current, string Section);

/// <summary>
/// The rules <c>verdict spec init</c> writes: the current values less a margin as floors (plus the margin as ceilings
/// for lower-is-better metrics), rounded outward to 4 decimals and clipped to each metric's range, and a per-class F1
/// floor for every class. Undefined values get no rule.
/// </summary>
/// <example>
/// <code>
/// // recall 0.7526 with margin 0.02 -> { metric: recall, min: 0.7326 }; log_loss 0.0247 -> { metric: log_loss, max: 0.0448 }
/// </code>
/// </example>
public static class GateStarter
{
    private const double Scale = 10_000;

    /// <summary>Starter rules for <paramref name="source"/> with <paramref name="margin"/> (&gt;= 0) of slack.</summary>
    public static IReadOnlyList<StarterRule> Rules(MetricSource source, double margin)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(margin >= 0) || !double.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be a finite number >= 0.");
        }

        var candidates = new List<(MetricReference Metric, string Section)>();
        switch (source.Task)
        {
            case TaskKind.Binary:
                candidates.Add((new("balanced_accuracy"), "overall"));
                candidates.Add((new("matthews_corrcoef"), "overall"));
                if (source.Positive is not null)
                {
                    candidates.Add((new("precision", Class: source.Positive), "overall"));
                    candidates.Add((new("recall", Class: source.Positive), "overall"));
                }

                candidates.Add((new("f1", Average: MetricAverage.Macro), "overall"));
                break;
            case TaskKind.Multiclass:
                candidates.Add((new("accuracy"), "overall"));
                candidates.Add((new("balanced_accuracy"), "overall"));
                candidates.Add((new("f1", Average: MetricAverage.Macro), "overall"));
                candidates.Add((new("f1", Average: MetricAverage.Weighted), "overall"));
                break;
            default:
                candidates.Add((new("f1", Average: MetricAverage.Micro), "overall"));
                candidates.Add((new("f1", Average: MetricAverage.Macro), "overall"));
                candidates.Add((new("f1", Average: MetricAverage.Samples), "overall"));
                candidates.Add((new("hamming_loss"), "overall"));
                break;
        }

        foreach (string label in source.Labels)
        {
            candidates.Add((new("f1", Class: label), "per class"));
        }

        if (source.Task == TaskKind.Binary)
        {
            candidates.Add((new("roc_auc"), "scores"));
            candidates.Add((new("average_precision"), "scores"));
            candidates.Add((new("log_loss"), "scores"));
            candidates.Add((new("brier_score"), "scores"));
        }
        else
        {
            candidates.Add((new("roc_auc", Average: MetricAverage.Macro), "scores"));
            if (source.Task == TaskKind.Multiclass)
            {
                candidates.Add((new("log_loss"), "scores"));
            }
        }

        var rules = new List<StarterRule>();
        foreach ((MetricReference metric, string section) in candidates)
        {
            Measurement m = source.Measure(metric);
            if (m.IsUndefined)
            {
                continue;
            }

            MetricInfo info = MetricCatalog.Get(metric.Metric);
            GateRule rule = info.Direction == MetricDirection.HigherIsBetter
                ? new GateRule(metric, Min: Floor(m.Value - margin, m.Value, info.Minimum))
                : new GateRule(metric, Max: Ceiling(m.Value + margin, m.Value, info.MaximumFor(source.Task)));
            rules.Add(new StarterRule(rule, m.Value, section));
        }

        return rules;
    }

    /// <summary>Rounds down to 4 decimals, never above <paramref name="value"/>, never below <paramref name="lowest"/>.</summary>
    private static double Floor(double x, double value, double lowest)
    {
        double r = Math.Floor(x * Scale) / Scale;
        if (r > value)
        {
            r -= 1 / Scale;
        }

        return Math.Max(r, lowest);
    }

    /// <summary>Rounds up to 4 decimals, never below <paramref name="value"/>, never above <paramref name="highest"/>.</summary>
    private static double Ceiling(double x, double value, double highest)
    {
        double r = Math.Ceiling(x * Scale) / Scale;
        if (r < value)
        {
            r += 1 / Scale;
        }

        return Math.Min(r, highest);
    }
}
