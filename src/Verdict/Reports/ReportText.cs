using System.Text;
using Verdict.Internal;

namespace Verdict.Reports;

/// <summary>Renders a <see cref="ClassificationReport"/> as scikit-learn's <c>classification_report</c> text, character for character.</summary>
public static class ReportText
{
    private static readonly string[] Headers = ["precision", "recall", "f1-score", "support"];

    /// <summary>The text report with <paramref name="digits"/> decimals (scikit-learn's default is 2).</summary>
    public static string Render(ClassificationReport report, int digits = 2)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        int width = "weighted avg".Length;
        foreach (ReportRow row in report.Classes)
        {
            width = Math.Max(width, PyFormat.CodePoints(row.Name));
        }

        width = Math.Max(width, digits);
        var sb = new StringBuilder();
        sb.Append(PyFormat.PadLeft(string.Empty, width)).Append(' ');
        foreach (string h in Headers)
        {
            sb.Append(' ').Append(PyFormat.PadLeft(h, 9));
        }

        sb.Append("\n\n");
        foreach (ReportRow row in report.Classes)
        {
            AppendRow(sb, row, width, digits, report.IsWeighted);
        }

        sb.Append('\n');
        foreach (ReportRow row in report.Averages)
        {
            if (row.Name == "accuracy")
            {
                sb.Append(PyFormat.PadLeft(row.Name, width)).Append(' ')
                  .Append(' ').Append(PyFormat.PadLeft(string.Empty, 9))
                  .Append(' ').Append(PyFormat.PadLeft(string.Empty, 9))
                  .Append(' ').Append(PyFormat.PadLeft(PyFormat.Fixed(row.FScore, digits), 9))
                  .Append(' ').Append(PyFormat.PadLeft(PyFormat.Support(row.Support, report.IsWeighted), 9)).Append('\n');
            }
            else
            {
                AppendRow(sb, row, width, digits, report.IsWeighted);
            }
        }

        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, ReportRow row, int width, int digits, bool weighted)
    {
        sb.Append(PyFormat.PadLeft(row.Name, width)).Append(' ')
          .Append(' ').Append(PyFormat.PadLeft(PyFormat.Fixed(row.Precision, digits), 9))
          .Append(' ').Append(PyFormat.PadLeft(PyFormat.Fixed(row.Recall, digits), 9))
          .Append(' ').Append(PyFormat.PadLeft(PyFormat.Fixed(row.FScore, digits), 9))
          .Append(' ').Append(PyFormat.PadLeft(PyFormat.Support(row.Support, weighted), 9)).Append('\n');
    }
}
