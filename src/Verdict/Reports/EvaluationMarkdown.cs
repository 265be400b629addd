using System.Globalization;
using System.Text;
using Verdict.Evaluation;
using Verdict.Internal;

namespace Verdict.Reports;

/// <summary>The report as GitHub-flavoured Markdown: classification report table, metrics table, confusion matrix, notes.</summary>
public static class EvaluationMarkdown
{
    /// <summary>Renders the report with <paramref name="digits"/> decimals.</summary>
    public static string Render(EvaluationReport report, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"### Classification report ({report.Task.ToString().ToLowerInvariant()}, {report.Rows} rows)\n\n");
        sb.Append("| class | precision | recall | f1-score | support |\n|---|---:|---:|---:|---:|\n");
        ClassificationReport cr = report.ClassificationReport;
        foreach (ReportRow row in cr.Classes.Concat(cr.Averages))
        {
            string support = PyFormat.Support(row.Support, cr.IsWeighted);
            if (row.Name == "accuracy")
            {
                sb.Append(CultureInfo.InvariantCulture, $"| **accuracy** | | | {PyFormat.Fixed(row.FScore, digits)} | {support} |\n");
            }
            else
            {
                string name = cr.Classes.Contains(row) ? Escape(row.Name) : $"**{row.Name}**";
                sb.Append(CultureInfo.InvariantCulture, $"| {name} | {PyFormat.Fixed(row.Precision, digits)} | {PyFormat.Fixed(row.Recall, digits)} | {PyFormat.Fixed(row.FScore, digits)} | {support} |\n");
            }
        }

        sb.Append("\n| metric | value |\n|---|---:|\n");
        foreach (MetricValue m in report.Metrics)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {m.Name} | {PyFormat.Fixed(m.Value, digits)} |\n");
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.Values)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {g.Name} ({v.Name}) | {PyFormat.Fixed(v.Value, digits)} |\n");
            }

            foreach (MetricValue v in g.PerClass ?? [])
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {g.Name} [{Escape(v.Name)}] | {PyFormat.Fixed(v.Value, digits)} |\n");
            }
        }

        if (report.Task != TaskKind.Multilabel)
        {
            double[][] m = report.Matrices[0];
            sb.Append("\nConfusion matrix (rows: actual, columns: predicted)\n\n| actual \\ predicted |");
            foreach (string l in report.Labels)
            {
                sb.Append(' ').Append(Escape(l)).Append(" |");
            }

            sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", report.Labels.Count))).Append('\n');
            for (int i = 0; i < m.Length; i++)
            {
                sb.Append("| ").Append(Escape(report.Labels[i])).Append(" |");
                foreach (double v in m[i])
                {
                    sb.Append(' ').Append(EvaluationText.Num(v)).Append(" |");
                }

                sb.Append('\n');
            }
        }

        if (report.Notes.Count > 0)
        {
            sb.Append("\n**Notes**\n\n");
            foreach (string note in report.Notes)
            {
                sb.Append("- ").Append(Escape(note)).Append('\n');
            }
        }

        return sb.ToString();
    }

    internal static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
