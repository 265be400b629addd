using System.Globalization;
using System.Text;
using Verdict.Evaluation;
using Verdict.Internal;

namespace Verdict.Reports;

/// <summary>
/// The human-readable report: scikit-learn's classification report text first, then the confusion matrix, the
/// whole-set metrics and the notes on undefined values.
/// </summary>
public static class EvaluationText
{
    /// <summary>Renders the report; <paramref name="digits"/> sets the decimals (scikit-learn's report default is 2; Verdict's CLI uses 4).</summary>
    public static string Render(EvaluationReport report, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append(ReportText.Render(report.ClassificationReport, digits));
        sb.Append('\n');
        if (report.Task == TaskKind.Multilabel)
        {
            sb.Append("Per-label confusion matrices [[TN FP] [FN TP]]\n");
            for (int k = 0; k < report.Matrices.Count; k++)
            {
                double[][] m = report.Matrices[k];
                sb.Append(CultureInfo.InvariantCulture, $"  {report.Labels[k]}: [[{Num(m[0][0])} {Num(m[0][1])}] [{Num(m[1][0])} {Num(m[1][1])}]]\n");
            }
        }
        else
        {
            AppendMatrix(sb, report.Labels, report.Matrices[0]);
        }

        sb.Append("\nMetrics\n");
        var lines = new List<(string Name, double Value)>();
        foreach (MetricValue m in report.Metrics)
        {
            lines.Add((m.Name, m.Value));
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.Values)
            {
                lines.Add(($"{g.Name} ({v.Name})", v.Value));
            }

            foreach (MetricValue v in g.PerClass ?? [])
            {
                lines.Add(($"{g.Name} [{v.Name}]", v.Value));
            }
        }

        int width = lines.Count == 0 ? 0 : lines.Max(l => l.Name.Length);
        foreach ((string name, double value) in lines)
        {
            sb.Append("  ").Append(name.PadRight(width)).Append("  ").Append(PyFormat.Fixed(value, digits)).Append('\n');
        }

        if (report.Positive is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  (precision, recall and f1 are for the positive class '{report.Positive}')\n");
        }

        if (report.Notes.Count > 0)
        {
            sb.Append("\nNotes\n");
            foreach (string note in report.Notes)
            {
                sb.Append("  - ").Append(note).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static void AppendMatrix(StringBuilder sb, IReadOnlyList<string> labels, double[][] m)
    {
        sb.Append("Confusion matrix (rows: actual, columns: predicted)\n");
        int nameWidth = Math.Max(labels.Count == 0 ? 0 : labels.Max(l => PyFormat.CodePoints(l)), 1);
        int cell = 1;
        foreach (string l in labels)
        {
            cell = Math.Max(cell, PyFormat.CodePoints(l));
        }

        foreach (double[] row in m)
        {
            foreach (double v in row)
            {
                cell = Math.Max(cell, Num(v).Length);
            }
        }

        sb.Append(new string(' ', nameWidth + 2));
        foreach (string l in labels)
        {
            sb.Append(' ').Append(PyFormat.PadLeft(l, cell));
        }

        sb.Append('\n');
        for (int i = 0; i < m.Length; i++)
        {
            sb.Append("  ").Append(PyFormat.PadLeft(labels[i], nameWidth));
            foreach (double v in m[i])
            {
                sb.Append(' ').Append(PyFormat.PadLeft(Num(v), cell));
            }

            sb.Append('\n');
        }
    }

    internal static string Num(double v) =>
        v == Math.Floor(v) && Math.Abs(v) < 1e15 ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("0.####", CultureInfo.InvariantCulture);
}
