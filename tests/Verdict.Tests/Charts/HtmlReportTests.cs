using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Verdict.Charts;
using Verdict.Curves;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Reports.Html;
using Verdict.Scores;
using Verdict.Tests.Curves;

namespace Verdict.Tests.Charts;

public sealed class HtmlReportTests
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static (EvaluationReport Report, HtmlReportCharts Charts) Digits()
    {
        (string[] header, List<string[]> rows) = SampleData.ReadCsv("digits.csv");
        int y = Array.IndexOf(header, "y_true"), p = Array.IndexOf(header, "y_pred");
        EvaluationReport report = EvaluationReport.For(LabelEvaluation.FromLabels(rows.Select(r => r[y]).ToArray(), rows.Select(r => r[p]).ToArray()));
        SampleData.Digits d = SampleData.DigitsSet;
        report.AddGroup(new MetricGroup("roc_auc", [new("macro", MulticlassAuc.OneVsRest(d.Labels, d.Probabilities, 10, Average.Macro))]));
        return (report, HtmlReportCharts.ForMulticlass(d.Labels, d.Probabilities, Svg.DigitNames));
    }

    [Fact]
    public void Render_Digits_WellFormedWithTablesAndCharts()
    {
        (EvaluationReport report, HtmlReportCharts charts) = Digits();
        string html = HtmlReport.Render(report, charts);
        XDocument doc = Parse(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(X + "html", doc.Root!.Name);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("break-inside: avoid", html, StringComparison.Ordinal);

        // Heatmaps (counts, row-normalised), ROC, PR and reliability.
        List<XElement> svgs = doc.Descendants(Svg.Ns + "svg").ToList();
        Assert.Equal(5, svgs.Count);
        Assert.Equal(["verdict-chart confusion-heatmap", "verdict-chart confusion-heatmap", "verdict-chart roc-chart", "verdict-chart pr-chart", "verdict-chart reliability-chart"],
            svgs.Select(s => (string)s.Attribute("class")!));
        Assert.All(svgs, s => Assert.Equal("figure", s.Parent!.Name.LocalName));

        string verdict = doc.Descendants(X + "p").Single(e => (string?)e.Attribute("class") == "verdict").Value;
        Assert.Contains("multiclass", verdict, StringComparison.Ordinal);
        Assert.Contains("1797 rows", verdict, StringComparison.Ordinal);
        Assert.Contains("accuracy " + PyFormatFixed(report.Metrics[0].Value), verdict, StringComparison.Ordinal);
        Assert.Contains("macro F1 " + PyFormatFixed(report.ClassificationReport.Averages[1].FScore), verdict, StringComparison.Ordinal);
        Assert.Contains("ROC AUC (macro) ", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Digits_ReportTableHasTheTextReportNumbers()
    {
        (EvaluationReport report, HtmlReportCharts charts) = Digits();
        XDocument doc = Parse(HtmlReport.Render(report, charts));
        XElement table = doc.Descendants(X + "table").Single(t => (string?)t.Attribute("class") == "report");
        List<List<string>> htmlRows = table.Elements(X + "tbody").Elements(X + "tr")
            .Select(tr => tr.Elements().Select(c => c.Value).Where(v => v.Length > 0).ToList()).ToList();

        // scikit-learn's text report at the same decimals, split into words, row for row.
        List<List<string>> textRows = ReportText.Render(report.ClassificationReport, 4)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList())
            .Select(words => words.Count > 5 ? [string.Join(' ', words.Take(words.Count - 4)), .. words.TakeLast(4)] : words)
            .ToList();
        Assert.Equal(13, htmlRows.Count);
        Assert.Equal(textRows, htmlRows);
        Assert.Equal("0", htmlRows[0][0]);
        Assert.Equal("178", htmlRows[0][^1]);
        Assert.Equal(["accuracy", PyFormatFixed(report.Metrics[0].Value), "1797"], htmlRows[10]);
    }

    [Fact]
    public void Render_Digits_MetricsTableAndNotes()
    {
        (EvaluationReport report, HtmlReportCharts charts) = Digits();
        XDocument doc = Parse(HtmlReport.Render(report, charts));
        XElement metrics = doc.Descendants(X + "table").Single(t => (string?)t.Attribute("class") == "metrics");
        var rows = metrics.Element(X + "tbody")!.Elements(X + "tr").Select(tr => (tr.Element(X + "th")!.Value, tr.Element(X + "td")!.Value)).ToList();
        Assert.Contains(("balanced_accuracy", PyFormatFixed(report.Metrics.Single(m => m.Name == "balanced_accuracy").Value)), rows);
        Assert.Contains(("jaccard (macro)", PyFormatFixed(report.Groups[0].Values[1].Value)), rows);
        Assert.Contains(rows, r => r.Item1 == "roc_auc (macro)");
        XElement notes = doc.Descendants(X + "section").Single(s => (string?)s.Attribute("id") == "notes");
        Assert.Contains("None: every value is defined.", notes.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LabelsWithMarkup_EscapedEverywhere()
    {
        string[] actual = ["<cat>", "a & b", "\"quoted\" 'x'", "<cat>", "a & b", "zero"];
        string[] predicted = ["<cat>", "<cat>", "\"quoted\" 'x'", "a & b", "a & b", "<cat>"];
        EvaluationReport report = EvaluationReport.For(LabelEvaluation.FromLabels(actual, predicted));
        report.AddNote("rows skipped: 3 had <empty> & \"odd\" labels");
        string html = HtmlReport.Render(report, options: new HtmlReportOptions { Title = "Run <1> & \"2\"", Subtitle = "file 'a&b'.csv" });
        Assert.DoesNotContain("<cat>", html, StringComparison.Ordinal);
        XDocument doc = Parse(html);

        Assert.Equal("Run <1> & \"2\"", doc.Descendants(X + "title").First().Value);
        Assert.Equal("Run <1> & \"2\"", doc.Descendants(X + "h1").Single().Value);
        List<string> classRows = doc.Descendants(X + "tbody").First(t => (string?)t.Attribute("class") == "classes")
            .Elements(X + "tr").Select(tr => tr.Element(X + "th")!.Value).ToList();
        Assert.Equal(report.Labels, classRows);
        Assert.Contains("<cat>", classRows);
        List<string> notes = doc.Descendants(X + "li").Select(li => li.Value).ToList();
        Assert.Contains("rows skipped: 3 had <empty> & \"odd\" labels", notes);
        Assert.Contains(notes, n => n.Contains("zero", StringComparison.Ordinal));

        // The heatmap tooltips carry the labels too.
        XElement heatmap = doc.Descendants(Svg.Ns + "svg").First();
        Assert.Contains(Svg.ByClass(heatmap, "row-label"), e => Svg.Title(e) == "\"quoted\" 'x'");
        Assert.Contains("undefined value", doc.Descendants(X + "p").Single(e => (string?)e.Attribute("class") == "verdict").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FraudBinary_AllFiveScoreCharts()
    {
        SampleData.Fraud fraud = SampleData.FraudSet;
        string[] actual = fraud.Positives.Select(p => p ? "fraud" : "legit").ToArray();
        string[] predicted = fraud.Scores.Select(s => s >= 0.5 ? "fraud" : "legit").ToArray();
        EvaluationReport report = EvaluationReport.For(LabelEvaluation.FromLabels(actual, predicted), positive: "fraud");
        string html = HtmlReport.Render(report, HtmlReportCharts.ForBinary(fraud.Scores, fraud.Positives, "fraud"));
        XDocument doc = Parse(html);
        Assert.Equal(
            ["confusion-heatmap", "confusion-heatmap", "roc-chart", "pr-chart", "det-chart", "threshold-chart", "reliability-chart"],
            doc.Descendants(Svg.Ns + "svg").Select(s => ((string)s.Attribute("class")!).Split(' ')[1]));
        Assert.Contains("positive class ‘fraud’", html, StringComparison.Ordinal);
        Assert.True(html.Length < 2_000_000, $"report is {html.Length} characters");
        Assert.Equal(html, HtmlReport.Render(report, HtmlReportCharts.ForBinary(fraud.Scores, fraud.Positives, "fraud")));
    }

    [Fact]
    public void Render_Multilabel_OneHeatmapPerLabel()
    {
        SampleData.Multilabel m = SampleData.MultilabelSet;
        byte[] actual = m.Indicator.Select(b => b ? (byte)1 : (byte)0).ToArray();
        byte[] predicted = m.Scores.Select(s => s >= 0.5 ? (byte)1 : (byte)0).ToArray();
        var counts = Verdict.Counts.MultilabelCounts.Compute(actual, predicted, m.LabelCount);
        string[] names = Enumerable.Range(0, m.LabelCount).Select(i => "label " + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        EvaluationReport report = EvaluationReport.For(counts, names, weighted: false);
        XDocument doc = Parse(HtmlReport.Render(report, HtmlReportCharts.ForMultilabel(m.Indicator, m.Scores, names)));
        List<XElement> svgs = doc.Descendants(Svg.Ns + "svg").ToList();
        Assert.Equal(m.LabelCount + 2, svgs.Count);
        Assert.Equal("Label label 0", Svg.Texts(svgs[0], "chart-title").Single());
    }

    private static string PyFormatFixed(double v) => Verdict.Internal.PyFormat.Fixed(v, 4);
}
