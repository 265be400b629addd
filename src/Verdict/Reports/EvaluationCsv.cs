using System.Globalization;
using System.Text;
using Verdict.Evaluation;

namespace Verdict.Reports;

/// <summary>
/// The report as one tidy CSV table, <c>section,name,metric,value</c>: a row per class and metric, per average
/// and metric, per whole-set metric, per confusion-matrix cell and per note. Numbers are full precision (round-trip).
/// </summary>
public static class EvaluationCsv
{
    /// <summary>Renders the report as CSV (RFC 4180 quoting, header row).</summary>
    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("section,name,metric,value\n");
        ClassificationReport cr = report.ClassificationReport;
        foreach (ReportRow row in cr.Classes)
        {
            Row(sb, "class", row);
        }

        foreach (ReportRow row in cr.Averages)
        {
            if (row.Name == "accuracy")
            {
                Line(sb, "metric", "accuracy", "accuracy", Num(row.FScore));
                Line(sb, "metric", "accuracy", "support", Num(row.Support));
            }
            else
            {
                Row(sb, "average", row);
            }
        }

        foreach (MetricValue m in report.Metrics)
        {
            Line(sb, "metric", m.Name, m.Name, Num(m.Value));
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.Values)
            {
                Line(sb, "metric", g.Name, v.Name, Num(v.Value));
            }

            foreach (MetricValue v in g.PerClass ?? [])
            {
                Line(sb, "class_metric", v.Name, g.Name, Num(v.Value));
            }
        }

        if (report.Task != TaskKind.Multilabel)
        {
            double[][] m = report.Matrices[0];
            for (int i = 0; i < m.Length; i++)
            {
                for (int j = 0; j < m[i].Length; j++)
                {
                    Line(sb, "confusion", report.Labels[i], report.Labels[j], Num(m[i][j]));
                }
            }
        }
        else
        {
            string[] cells = ["tn", "fp", "fn", "tp"];
            for (int k = 0; k < report.Matrices.Count; k++)
            {
                double[][] m = report.Matrices[k];
                double[] flat = [m[0][0], m[0][1], m[1][0], m[1][1]];
                for (int c = 0; c < 4; c++)
                {
                    Line(sb, "confusion", report.Labels[k], cells[c], Num(flat[c]));
                }
            }
        }

        foreach (string note in report.Notes)
        {
            Line(sb, "note", string.Empty, string.Empty, note);
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string section, ReportRow row)
    {
        Line(sb, section, row.Name, "precision", Num(row.Precision));
        Line(sb, section, row.Name, "recall", Num(row.Recall));
        Line(sb, section, row.Name, "f1-score", Num(row.FScore));
        Line(sb, section, row.Name, "support", Num(row.Support));
    }

    private static void Line(StringBuilder sb, string section, string name, string metric, string value) =>
        sb.Append(Field(section)).Append(',').Append(Field(name)).Append(',').Append(Field(metric)).Append(',').Append(Field(value)).Append('\n');

    internal static string Num(double v) => double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break; double inner quotes.</summary>
    internal static string Field(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
