using System.Globalization;
using System.Text;
using Verdict.Charts;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Internal;

namespace Verdict.Reports.Html;

/// <summary>
/// Renders an <see cref="EvaluationReport"/> as one self-contained HTML page: inline CSS and inline SVG, no scripts
/// and no external resources, laid out to print well (charts never split across pages, colours kept). The markup is
/// also well-formed XML (XHTML-compatible), so it can be checked or transformed with an XML parser.
/// </summary>
/// <remarks>
/// <para>Contents, in order: a summary line (task, rows, classes, accuracy, balanced accuracy, macro and weighted F1,
/// the positive class's F1 for a binary report with a positive label, MCC, any roc_auc the report holds, and how many
/// values were undefined), the classification report table (per-class rows first, then the averages, with the
/// same numbers as the text report at the same decimals), the metrics table, the notes on undefined values, and the
/// charts: the confusion heatmaps (counts and normalised over actual rows; one 2×2 heatmap per label for
/// multilabel reports) always, then whichever of ROC, precision-recall, DET, threshold and reliability charts
/// <see cref="HtmlReportCharts"/> holds.</para>
/// <para>Every piece of user text (labels, notes, titles) is escaped.</para>
/// </remarks>
/// <example>
/// <code>
/// EvaluationReport report = EvaluationReport.For(LabelEvaluation.FromLabels(actual, predicted));
/// string html = HtmlReport.Render(report, HtmlReportCharts.ForMulticlass(labels, probabilities, names));
/// File.WriteAllText("report.html", html);
/// </code>
/// </example>
public static class HtmlReport
{
    private const string Css = """
        :root { color-scheme: light; }
        body { font-family: Helvetica, Arial, sans-serif; color: #1a1a1a; background: #ffffff; margin: 24px auto; max-width: 1180px; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 1.6em; margin: 0 0 4px 0; }
        h2 { font-size: 1.2em; margin: 28px 0 10px 0; border-bottom: 1px solid #d9d9d9; padding-bottom: 4px; }
        .subtitle { color: #555555; margin: 0 0 8px 0; }
        .verdict { font-size: 1.05em; background: #f2f6fa; border-left: 4px solid #0072B2; padding: 10px 14px; margin: 12px 0; }
        .verdict .value { font-weight: bold; font-variant-numeric: tabular-nums; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 4px 0 8px 0; }
        th, td { padding: 4px 12px; border-bottom: 1px solid #e6e6e6; }
        thead th { border-bottom: 2px solid #999999; text-align: right; }
        thead th:first-child, tbody th { text-align: left; font-weight: normal; }
        td { text-align: right; }
        tbody.averages tr:first-child th, tbody.averages tr:first-child td { border-top: 2px solid #999999; }
        tbody.averages th { font-weight: bold; }
        .label { max-width: 28em; overflow-wrap: anywhere; }
        .notes li { margin: 2px 0; }
        .muted { color: #666666; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 500px), 1fr)); gap: 16px; align-items: start; }
        figure.chart { margin: 0; padding: 8px; border: 1px solid #e6e6e6; border-radius: 4px; min-width: 0; box-sizing: border-box; break-inside: avoid; page-break-inside: avoid; }
        figure.chart.wide { grid-column: 1 / -1; }
        figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
        figcaption { font-size: 0.85em; color: #555555; margin-top: 4px; max-width: 640px; }
        footer { margin-top: 32px; font-size: 0.8em; color: #777777; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, figure.chart, .verdict { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          .charts { display: block; }
          figure.chart { border: none; margin: 0 0 12px 0; }
          @page { margin: 14mm; }
        }
        """;

    /// <summary>Renders the page. <paramref name="charts"/> adds score-based charts; the confusion heatmaps are always drawn.</summary>
    public static string Render(EvaluationReport report, HtmlReportCharts? charts = null, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        HtmlReportOptions o = options ?? new HtmlReportOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(o.Digits, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.Digits, 10, nameof(options));
        ChartOptions chartOptions = o.Charts ?? new ChartOptions();
        string title = o.Title ?? "Verdict evaluation report";

        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<meta name=\"generator\" content=\"Verdict\" />\n")
          .Append("<title>").Append(Markup.Escape(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<header>\n<h1>").Append(Markup.Escape(title)).Append("</h1>\n");
        if (!string.IsNullOrEmpty(o.Subtitle))
        {
            sb.Append("<p class=\"subtitle\">").Append(Markup.Escape(o.Subtitle)).Append("</p>\n");
        }

        AppendVerdict(sb, report, o.Digits);
        sb.Append("</header>\n<main>\n");
        AppendClassificationReport(sb, report.ClassificationReport, o.Digits);
        AppendMetrics(sb, report, o.Digits);
        AppendNotes(sb, report);
        AppendCharts(sb, report, charts, chartOptions);
        sb.Append("</main>\n<footer>Made by Verdict: scikit-learn-compatible metrics. Rows are actual classes and columns predicted classes in every confusion matrix. Hover over a chart for exact values.</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendVerdict(StringBuilder sb, EvaluationReport report, int digits)
    {
        var parts = new List<string>
        {
            $"<strong>{report.Task.ToString().ToLowerInvariant()}</strong>",
            string.Create(CultureInfo.InvariantCulture, $"<span class=\"value\">{report.Rows}</span> rows"),
            string.Create(CultureInfo.InvariantCulture, $"<span class=\"value\">{report.Labels.Count}</span> {(report.Task == TaskKind.Multilabel ? "labels" : "classes")}"),
        };
        foreach (string name in new[] { "accuracy", "balanced_accuracy" })
        {
            if (report.Metrics.FirstOrDefault(m => m.Name == name) is { } metric)
            {
                parts.Add($"{name.Replace('_', ' ')} {Value(metric.Value, digits)}");
            }
        }

        if (report.ClassificationReport.Averages.FirstOrDefault(a => a.Name == "macro avg") is { } macro)
        {
            parts.Add($"macro F1 {Value(macro.FScore, digits)}");
        }

        if (report.ClassificationReport.Averages.FirstOrDefault(a => a.Name == "weighted avg") is { } weighted)
        {
            parts.Add($"weighted F1 {Value(weighted.FScore, digits)}");
        }

        if (report.Positive is not null && report.Metrics.FirstOrDefault(m => m.Name == "f1") is { } f1)
        {
            parts.Add($"F1 of ‘{Markup.Escape(report.Positive)}’ {Value(f1.Value, digits)}");
        }

        if (report.Metrics.FirstOrDefault(m => m.Name == "matthews_corrcoef") is { } mcc)
        {
            parts.Add($"MCC {Value(mcc.Value, digits)}");
        }

        if (report.Metrics.FirstOrDefault(m => m.Name == "roc_auc") is { } auc)
        {
            parts.Add($"ROC AUC {Value(auc.Value, digits)}");
        }
        else if (report.Groups.FirstOrDefault(g => g.Name == "roc_auc") is { Values.Count: > 0 } group)
        {
            MetricValue v = group.Values.FirstOrDefault(x => x.Name == "macro") ?? group.Values[0];
            parts.Add($"ROC AUC ({Markup.Escape(v.Name)}) {Value(v.Value, digits)}");
        }

        int undefined = report.ClassificationReport.Undefined.Count;
        if (undefined > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"<a href=\"#notes\">{undefined} undefined value{(undefined == 1 ? string.Empty : "s")}</a>"));
        }

        sb.Append("<p class=\"verdict\">").Append(string.Join(" · ", parts)).Append("</p>\n");
    }

    private static string Value(double value, int digits) => $"<span class=\"value\">{PyFormat.Fixed(value, digits)}</span>";

    private static void AppendClassificationReport(StringBuilder sb, ClassificationReport cr, int digits)
    {
        sb.Append("<section id=\"classification-report\">\n<h2>Classification report</h2>\n<table class=\"report\">\n")
          .Append("<thead><tr><th scope=\"col\">class</th><th scope=\"col\">precision</th><th scope=\"col\">recall</th><th scope=\"col\">f1-score</th><th scope=\"col\">support</th></tr></thead>\n")
          .Append("<tbody class=\"classes\">\n");
        foreach (ReportRow row in cr.Classes)
        {
            AppendRow(sb, row, digits, cr.IsWeighted);
        }

        sb.Append("</tbody>\n<tbody class=\"averages\">\n");
        foreach (ReportRow row in cr.Averages)
        {
            if (row.Name == "accuracy")
            {
                sb.Append("<tr class=\"accuracy\"><th scope=\"row\">accuracy</th><td></td><td></td><td>")
                  .Append(PyFormat.Fixed(row.FScore, digits)).Append("</td><td>").Append(PyFormat.Support(row.Support, cr.IsWeighted)).Append("</td></tr>\n");
            }
            else
            {
                AppendRow(sb, row, digits, cr.IsWeighted);
            }
        }

        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendRow(StringBuilder sb, ReportRow row, int digits, bool weighted)
    {
        sb.Append("<tr><th scope=\"row\" class=\"label\">").Append(Markup.Escape(row.Name)).Append("</th><td>")
          .Append(PyFormat.Fixed(row.Precision, digits)).Append("</td><td>")
          .Append(PyFormat.Fixed(row.Recall, digits)).Append("</td><td>")
          .Append(PyFormat.Fixed(row.FScore, digits)).Append("</td><td>")
          .Append(PyFormat.Support(row.Support, weighted)).Append("</td></tr>\n");
    }

    private static void AppendMetrics(StringBuilder sb, EvaluationReport report, int digits)
    {
        sb.Append("<section id=\"metrics\">\n<h2>Metrics</h2>\n<table class=\"metrics\">\n<thead><tr><th scope=\"col\">metric</th><th scope=\"col\">value</th></tr></thead>\n<tbody>\n");
        foreach (MetricValue m in report.Metrics)
        {
            sb.Append("<tr><th scope=\"row\">").Append(Markup.Escape(m.Name)).Append("</th><td>").Append(PyFormat.Fixed(m.Value, digits)).Append("</td></tr>\n");
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.Values)
            {
                sb.Append("<tr><th scope=\"row\">").Append(Markup.Escape(g.Name)).Append(" (").Append(Markup.Escape(v.Name)).Append(")</th><td>")
                  .Append(PyFormat.Fixed(v.Value, digits)).Append("</td></tr>\n");
            }
        }

        sb.Append("</tbody>\n</table>\n");
        if (report.Positive is not null)
        {
            sb.Append("<p class=\"muted\">precision, recall and f1 are for the positive class ‘").Append(Markup.Escape(report.Positive)).Append("’.</p>\n");
        }

        sb.Append("</section>\n");
    }

    private static void AppendNotes(StringBuilder sb, EvaluationReport report)
    {
        string policy = report.ZeroDivision switch
        {
            Scores.ZeroDivision.One => "1",
            Scores.ZeroDivision.NaN => "nan",
            _ => "0",
        };
        sb.Append("<section id=\"notes\">\n<h2>Notes on undefined values</h2>\n<p class=\"muted\">An undefined score (a division by zero) is reported as ")
          .Append(policy).Append(" (zero_division=").Append(policy).Append(").</p>\n");
        if (report.Notes.Count == 0)
        {
            sb.Append("<p>None: every value is defined.</p>\n");
        }
        else
        {
            sb.Append("<ul class=\"notes\">\n");
            foreach (string note in report.Notes)
            {
                sb.Append("<li>").Append(Markup.Escape(note)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</section>\n");
    }

    private static void AppendCharts(StringBuilder sb, EvaluationReport report, HtmlReportCharts? charts, ChartOptions o)
    {
        sb.Append("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n");
        if (report.Task == TaskKind.Multilabel)
        {
            for (int k = 0; k < report.Matrices.Count; k++)
            {
                string svg = ConfusionHeatmap.Render(["0", "1"], report.Matrices[k], ConfusionNormalization.None,
                    o with { Title = "Label " + report.Labels[k] });
                Figure(sb, svg, "Confusion matrix of label " + report.Labels[k] + ": rows actual, columns predicted (0 absent, 1 present).");
            }
        }
        else if (report.Matrices.Count > 0)
        {
            // Heatmaps of many classes take the page's full width so their cells stay readable.
            bool wide = report.Labels.Count > 16;
            Figure(sb, ConfusionHeatmap.Render(report.Labels, report.Matrices[0], ConfusionNormalization.None, o with { Title = null }),
                "Confusion matrix counts: rows are actual classes, columns predicted classes.", wide);
            Figure(sb, ConfusionHeatmap.Render(report.Labels, report.Matrices[0], ConfusionNormalization.True, o with { Title = null }),
                "Confusion matrix normalised over actual rows: the diagonal is each class's recall.", wide);
        }

        if (charts is not null)
        {
            if (charts.Roc is { Count: > 0 } roc)
            {
                Figure(sb, RocChart.Render(roc, o), "ROC curves with the area under each (AUC); the dashed diagonal is chance.");
            }

            if (charts.PrecisionRecall is { Count: > 0 } pr)
            {
                Figure(sb, PrecisionRecallChart.Render(pr, o), "Precision-recall curves with average precision (AP), iso-F1 contours in grey and the prevalence baseline dotted.");
            }

            if (charts.Det is { Count: > 0 } det)
            {
                Figure(sb, DetChart.Render(det, o), o.DetScale == DetScale.NormalDeviate
                    ? "Detection error tradeoff on normal deviate axes, with the equal error rate (EER)."
                    : "Detection error tradeoff on linear axes, with the equal error rate (EER).");
            }

            if (charts.Thresholds is { Count: > 0 } th)
            {
                Figure(sb, ThresholdChart.Render(th, charts.ChosenThreshold, o), "Precision, recall and F1 by decision threshold (score >= threshold is positive).");
            }

            if (charts.Calibration is { Count: > 0 } cal)
            {
                Figure(sb, ReliabilityChart.Render(cal, o), "Reliability diagram: fraction of positives against mean predicted probability per bin, with the expected calibration error (ECE); the histogram counts rows per bin.");
            }
        }

        sb.Append("</div>\n</section>\n");
    }

    private static void Figure(StringBuilder sb, string svg, string caption, bool wide = false)
    {
        sb.Append(wide ? "<figure class=\"chart wide\">\n" : "<figure class=\"chart\">\n").Append(svg).Append("<figcaption>").Append(Markup.Escape(caption)).Append("</figcaption>\n</figure>\n");
    }
}
