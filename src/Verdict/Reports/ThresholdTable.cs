using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Internal;
using Verdict.Scores;
using Verdict.Thresholds;

namespace Verdict.Reports;

/// <summary>
/// Count metrics at a list of thresholds (score &gt;= t is positive) and, optionally, the threshold an objective
/// selects: the data of <c>verdict thresholds</c>. Every row's counts are read off one curve (one sort).
/// </summary>
public sealed class ThresholdTable
{
    private ThresholdTable(string positive, IReadOnlyList<(double Threshold, BinaryCounts Counts)> rows, ThresholdObjective? objective,
                           ThresholdConstraint? constraint, OperatingPoint? best)
    {
        Positive = positive;
        Rows = rows;
        Objective = objective;
        Constraint = constraint;
        Best = best;
    }

    /// <summary>The positive label.</summary>
    public string Positive { get; }

    /// <summary>Each threshold with its counts, in the order asked.</summary>
    public IReadOnlyList<(double Threshold, BinaryCounts Counts)> Rows { get; }

    /// <summary>The selection objective, or null.</summary>
    public ThresholdObjective? Objective { get; }

    /// <summary>The selection constraint, or null.</summary>
    public ThresholdConstraint? Constraint { get; }

    /// <summary>The selected operating point; null when no objective was given or no threshold met the constraint.</summary>
    public OperatingPoint? Best { get; }

    /// <summary>
    /// Counts at <paramref name="thresholds"/> (null: at every distinct score of the curve, highest first) and the
    /// selection by <paramref name="objective"/> under <paramref name="constraint"/> when an objective is given.
    /// </summary>
    public static ThresholdTable Create(BinaryCurve curve, string positive, IReadOnlyList<double>? thresholds,
                                        ThresholdObjective? objective = null, ThresholdConstraint? constraint = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        double[] ts = thresholds is null ? [.. curve.Thresholds] : [.. thresholds];
        BinaryCounts[] counts = ThresholdSweep.CountsAt(curve, ts);
        var rows = new (double, BinaryCounts)[ts.Length];
        for (int i = 0; i < ts.Length; i++)
        {
            rows[i] = (ts[i], counts[i]);
        }

        OperatingPoint? best = objective is null ? null : ThresholdSearch.Select(curve, objective, constraint);
        return new ThresholdTable(positive, rows, objective, constraint, best);
    }

    /// <summary>The metrics shown for one row, in order (NaN where undefined).</summary>
    public static IReadOnlyList<(string Name, double Value)> Metrics(in BinaryCounts c) =>
    [
        ("precision", Score.Precision(c, ZeroDivision.NaN)),
        ("recall", Score.Recall(c, ZeroDivision.NaN)),
        ("f1", Score.F1(c, ZeroDivision.NaN)),
        ("specificity", Score.Specificity(c, ZeroDivision.NaN)),
        ("fpr", Score.FalsePositiveRate(c, ZeroDivision.NaN)),
        ("accuracy", (c.TruePositives + c.TrueNegatives) / c.Total),
    ];

    /// <summary><c>{"positive", "rows": [{"threshold", "tp", "fp", "fn", "tn", "precision", "recall", "f1", ...}], "best": {...} | null}</c>.</summary>
    public JsonObject ToJson()
    {
        var rows = new JsonArray();
        foreach ((double t, BinaryCounts c) in Rows)
        {
            rows.Add(Row(t, c));
        }

        JsonObject? best = null;
        if (Best is OperatingPoint p)
        {
            best = Row(p.Threshold, p.Counts);
            best["objective"] = Objective!.ToString();
            best["value"] = Json.Number(p.Value);
        }

        var o = new JsonObject { ["positive"] = Positive, ["rows"] = rows, ["best"] = best };
        if (Objective is not null)
        {
            o["objective"] = Objective.ToString();
            o["constraint"] = Constraint is null ? null : new JsonObject
            {
                ["min_precision"] = Constraint.MinPrecision,
                ["min_recall"] = Constraint.MinRecall,
            };
        }

        return o;
    }

    /// <summary>A text table with <paramref name="digits"/> decimals, then the selected threshold.</summary>
    public string ToText(int digits = 4)
    {
        var sb = new StringBuilder();
        string[] heads = ["threshold", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "specificity", "fpr", "accuracy"];
        foreach (string h in heads)
        {
            sb.Append(PyFormat.PadLeft(h, 12));
        }

        sb.Append('\n');
        foreach ((double t, BinaryCounts c) in Rows)
        {
            AppendRow(sb, t, c, digits);
        }

        if (Objective is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\npositive class: {Positive}; objective: {Objective}");
            if (Constraint?.MinPrecision is double mp)
            {
                sb.Append(CultureInfo.InvariantCulture, $", precision >= {mp}");
            }

            if (Constraint?.MinRecall is double mr)
            {
                sb.Append(CultureInfo.InvariantCulture, $", recall >= {mr}");
            }

            sb.Append('\n');
            if (Best is OperatingPoint p)
            {
                sb.Append(CultureInfo.InvariantCulture, $"best threshold {Threshold(p.Threshold)}: {Objective} = {PyFormat.Fixed(p.Value, digits)}\n");
                foreach (string h in heads)
                {
                    sb.Append(PyFormat.PadLeft(h, 12));
                }

                sb.Append('\n');
                AppendRow(sb, p.Threshold, p.Counts, digits);
            }
            else
            {
                sb.Append("no threshold meets the constraint\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>CSV: one row per threshold, then the selected threshold marked best=true.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("threshold,tp,fp,fn,tn,precision,recall,f1,specificity,fpr,accuracy,best\n");
        foreach ((double t, BinaryCounts c) in Rows)
        {
            CsvRow(sb, t, c, false);
        }

        if (Best is OperatingPoint p)
        {
            CsvRow(sb, p.Threshold, p.Counts, true);
        }

        return sb.ToString();
    }

    private static JsonObject Row(double threshold, BinaryCounts c)
    {
        var o = new JsonObject
        {
            ["threshold"] = double.IsPositiveInfinity(threshold) ? "Infinity" : Json.Number(threshold),
            ["tp"] = c.TruePositives,
            ["fp"] = c.FalsePositives,
            ["fn"] = c.FalseNegatives,
            ["tn"] = c.TrueNegatives,
        };
        foreach ((string name, double value) in Metrics(c))
        {
            o[name] = Json.Number(value);
        }

        return o;
    }

    private static void AppendRow(StringBuilder sb, double t, BinaryCounts c, int digits)
    {
        sb.Append(PyFormat.PadLeft(Threshold(t), 12));
        foreach (double v in new[] { c.TruePositives, c.FalsePositives, c.FalseNegatives, c.TrueNegatives })
        {
            sb.Append(PyFormat.PadLeft(v.ToString("R", CultureInfo.InvariantCulture), 12));
        }

        foreach ((_, double value) in Metrics(c))
        {
            sb.Append(PyFormat.PadLeft(PyFormat.Fixed(value, digits), 12));
        }

        sb.Append('\n');
    }

    private static void CsvRow(StringBuilder sb, double t, BinaryCounts c, bool best)
    {
        sb.Append(Threshold(t));
        foreach (double v in new[] { c.TruePositives, c.FalsePositives, c.FalseNegatives, c.TrueNegatives })
        {
            sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
        }

        foreach ((_, double value) in Metrics(c))
        {
            sb.Append(',').Append(EvaluationCsv.Num(value));
        }

        sb.Append(',').Append(best ? "true" : "false").Append('\n');
    }

    private static string Threshold(double t) =>
        double.IsPositiveInfinity(t) ? "Infinity" : t.ToString("R", CultureInfo.InvariantCulture);
}
