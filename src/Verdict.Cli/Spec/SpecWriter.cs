using System.Globalization;
using System.Text;
using Verdict.Evaluation;
using Verdict.Gates;

namespace Verdict.Cli.Spec;

/// <summary>What <c>verdict spec init</c> found in the data, to write as a starter spec.</summary>
internal sealed record StarterSpec
{
    public required string Source { get; init; }

    public required long Rows { get; init; }

    public required TaskKind Task { get; init; }

    public required IReadOnlyList<string> Actual { get; init; }

    public IReadOnlyList<string> Predicted { get; init; } = [];

    public string? Score { get; init; }

    public IReadOnlyList<ScoreColumn>? Scores { get; init; }

    public string? Weight { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? Positive { get; init; }

    public double? Threshold { get; init; }

    public required double Margin { get; init; }

    public required IReadOnlyList<StarterRule> Rules { get; init; }
}

/// <summary>Writes a starter spec as commented YAML (the format <see cref="SpecLoader"/> reads).</summary>
internal static class SpecWriter
{
    public static string Write(StarterSpec s)
    {
        var sb = new StringBuilder();
        string margin = s.Margin.ToString(CultureInfo.InvariantCulture);
        sb.Append("# Verdict metric spec: the rules `verdict gate` checks (format: docs/gate.md; schema:\n");
        sb.Append("# docs/verdict-spec.schema.json). Written by `verdict spec init` from ")
          .Append(s.Source).Append(" (").Append(s.Rows.ToString(CultureInfo.InvariantCulture)).Append(" rows).\n");
        sb.Append("# Each floor (min) is the current value minus a margin of ").Append(margin)
          .Append(", each ceiling (max, for lower-is-better\n# metrics) the value plus the margin, rounded outward to 4 decimals. Tighten or loosen them,\n");
        sb.Append("# then check with `verdict spec check SPEC` and run with `verdict gate FILE --spec SPEC`.\n");
        sb.Append("version: 1\n");
        Commented(sb, "task: " + s.Task.ToString().ToLowerInvariant(), "binary | multiclass | multilabel");
        sb.Append("columns:\n");
        sb.Append("  actual: ").Append(List(s.Actual)).Append('\n');
        if (s.Predicted.Count > 0)
        {
            sb.Append("  predicted: ").Append(List(s.Predicted)).Append('\n');
        }

        if (s.Score is not null)
        {
            Commented(sb, "  score: " + Quote(s.Score), "the positive class's probability");
        }

        if (s.Scores is { Count: > 0 })
        {
            sb.Append(s.Scores.All(c => c.Label is null)
                ? "  scores: " + List([.. s.Scores.Select(c => c.Column)]) + "\n"
                : "  scores: { " + string.Join(", ", s.Scores.Select(c => $"{Quote(c.Label ?? c.Column)}: {Quote(c.Column)}")) + " }\n");
        }

        if (s.Weight is not null)
        {
            sb.Append("  weight: ").Append(Quote(s.Weight)).Append('\n');
        }

        if (s.Labels is not null)
        {
            sb.Append("labels: [").Append(string.Join(", ", s.Labels.Select(Quote))).Append("]\n");
        }

        if (s.Positive is not null)
        {
            Commented(sb, "positive: " + Quote(s.Positive), "the class binary rules read by default");
        }

        Commented(sb, "zero_division: zero", "value of 0/0 scores: zero | one | nan (nan makes them undefined)");
        WriteThreshold(sb, s);
        Commented(sb, "undefined: fail", "what an undefined (NaN) metric does to a rule: fail | pass | ignore");
        sb.Append("rules:\n");
        string? section = null;
        int width = s.Rules.Count == 0 ? 0 : s.Rules.Max(r => Rule(r.Rule).Length);
        foreach (StarterRule r in s.Rules)
        {
            if (r.Section != section)
            {
                section = r.Section;
                sb.Append("  # ").Append(section switch
                {
                    "per class" => s.Task == TaskKind.Multilabel ? "per label: F1 floors" : "per class: F1 floors",
                    "scores" => "from the scores (threshold-free)",
                    _ => "at the decision threshold",
                }).Append('\n');
            }

            string rule = Rule(r.Rule);
            string lower = r.Rule.Max is not null ? ", lower is better" : string.Empty;
            sb.Append("  - ").Append(rule).Append(new string(' ', width - rule.Length))
              .Append("   # now ").Append(r.Current.ToString("F4", CultureInfo.InvariantCulture)).Append(lower).Append('\n');
        }

        sb.Append("# Compare with a previous report (write one with `verdict report FILE --spec SPEC --format json -o baseline.json`):\n");
        sb.Append("# baseline: { report: baseline.json, max_drop: { \"f1@macro\": 0.01, \"*\": 0.02 } }\n");
        return sb.ToString();
    }

    private static void WriteThreshold(StringBuilder sb, StarterSpec s)
    {
        if (s.Threshold is double t)
        {
            Commented(sb, "threshold: " + t.ToString(CultureInfo.InvariantCulture), "predict positive where score >= threshold");
            if (s.Task == TaskKind.Binary)
            {
                sb.Append("# or let the data choose it: threshold: { optimize: recall, subject_to: { precision: { min: 0.80 } } }\n");
            }

            return;
        }

        if (s.Predicted.Count > 0 && s.Task == TaskKind.Binary && s.Score is not null)
        {
            sb.Append("# Predictions come from columns.predicted. To make them from the score instead, remove columns.predicted and set\n");
            sb.Append("# threshold: 0.5, or let the data choose it:\n");
            sb.Append("# threshold: { optimize: recall, subject_to: { precision: { min: 0.80 } } }\n");
        }
    }

    private static void Commented(StringBuilder sb, string line, string comment) =>
        sb.Append(line).Append(new string(' ', Math.Max(1, 24 - line.Length))).Append(" # ").Append(comment).Append('\n');

    private static string Rule(GateRule rule)
    {
        MetricReference m = rule.Metric;
        var parts = new List<string> { "metric: " + m.Metric };
        if (m.Parameter is double p)
        {
            parts.Add((m.Metric == "fbeta" ? "beta: " : "k: ") + p.ToString(CultureInfo.InvariantCulture));
        }

        if (m.Average != MetricAverage.None)
        {
            parts.Add("average: " + MetricCatalog.AverageName(m.Average));
        }

        if (m.EachClass)
        {
            parts.Add("class: each");
        }
        else if (m.Class is not null)
        {
            parts.Add("class: " + Quote(m.Class));
        }

        if (rule.Min is double lo)
        {
            parts.Add("min: " + lo.ToString("0.0###", CultureInfo.InvariantCulture));
        }

        if (rule.Max is double hi)
        {
            parts.Add("max: " + hi.ToString("0.0###", CultureInfo.InvariantCulture));
        }

        return "{ " + string.Join(", ", parts) + " }";
    }

    private static string List(IReadOnlyList<string> items) =>
        items.Count == 1 ? Quote(items[0]) : "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>A YAML scalar, single-quoted when plain style would misread it.</summary>
    public static string Quote(string value)
    {
        bool plain = value.Length > 0 && value.Trim() == value &&
                     value.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`']) < 0 &&
                     !value.StartsWith('-') && !value.StartsWith('?') &&
                     value is not ("each" or "null" or "Null" or "NULL" or "~" or "true" or "false" or "yes" or "no");
        return plain ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
