using System.Xml.Linq;
using static Verdict.Cli.Tests.Commands.CliRunner;

namespace Verdict.Cli.Tests.Commands;

public sealed class PlotAndHtmlTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData("roc")]
    [InlineData("pr")]
    [InlineData("det")]
    [InlineData("thresholds")]
    [InlineData("calibration")]
    [InlineData("confusion")]
    public void Plot_FraudBinary_WritesValidSvg(string kind)
    {
        (int code, string output, string err) = Run("plot", kind, Sample("fraud.csv"), "--actual", "label", "--predicted", "predicted",
            "--score", "p_fraud", "--positive", "fraud", "--title", "Fraud <model>");
        Assert.True(code == 0, err);
        XDocument doc = XDocument.Parse(output);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        Assert.Contains("Fraud <model>", doc.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Plot_RocMulticlass_LegendHasEveryClassAuc()
    {
        string[] cols = Enumerable.Range(0, 10).Select(i => $"p_{i}").ToArray();
        (int code, string output, _) = Run("plot", "roc", Sample("digits.csv"), "--scores", string.Join(',', cols));
        Assert.Equal(0, code);
        string[] texts = XDocument.Parse(output).Descendants(Svg + "text").Select(t => t.Value).ToArray();
        for (int c = 0; c < 10; c++)
        {
            Assert.Contains(texts, t => t.StartsWith($"{c} ", StringComparison.Ordinal) && t.Contains("AUC", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Plot_WithoutScores_ExitsTwo()
    {
        (int code, _, string err) = Run("plot", "roc", Sample("digits.csv"));
        Assert.Equal(2, code);
        Assert.Contains("needs scores", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_UnknownKind_ExitsTwo()
    {
        (int code, _, string err) = Run("plot", "pie", Sample("digits.csv"));
        Assert.Equal(2, code);
        Assert.Contains("unknown chart 'pie'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HtmlFormat_IsOneSelfContainedPageWithReportAndCharts()
    {
        (int code, string output, _) = Run("report", Sample("fraud.csv"), "--actual", "label", "--predicted", "predicted",
            "--score", "p_fraud", "--positive", "fraud", "--format", "html");
        Assert.Equal(0, code);
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0.8927", output, StringComparison.Ordinal);
        Assert.Contains("<svg", output, StringComparison.Ordinal);
        Assert.DoesNotContain("http://cdn", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Report_HtmlFormatStreamed_ChartsDrawnFromTheKeptScores()
    {
        // Binary with --positive and multilabel reports stream; their charts come from the scores the report keeps
        // and match the charts the library draws from the whole columns.
        string[] lines = File.ReadAllLines(Sample("multilabel.csv"));
        string[] header = lines[0].Split(',');
        bool[] indicator = [.. lines.Skip(1).SelectMany(l => l.Split(',')[..5]).Select(v => v == "1")];
        double[] scores = [.. lines.Skip(1).SelectMany(l => l.Split(',')[5..]).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(["p_0", "p_1", "p_2", "p_3", "p_4"], header[5..]);
        Verdict.Reports.Html.HtmlReportCharts expected = Verdict.Reports.Html.HtmlReportCharts.ForMultilabel(indicator, scores, ["0", "1", "2", "3", "4"]);

        (int code, string output, string err) = Run("report", Sample("multilabel.csv"), "--task", "multilabel", "--actual", "y_0,y_1,y_2,y_3,y_4",
            "--scores", "p_0,p_1,p_2,p_3,p_4", "--format", "html", "--no-log");

        Assert.True(code == 0, err);
        Assert.Contains("aria-label=\"ROC curve\"", output, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Precision-recall curve\"", output, StringComparison.Ordinal);
        Assert.Contains(Verdict.Charts.RocChart.Render(expected.Roc!), output, StringComparison.Ordinal);
        Assert.Contains(Verdict.Charts.PrecisionRecallChart.Render(expected.PrecisionRecall!), output, StringComparison.Ordinal);

        string[][] fraud = [.. File.ReadAllLines(Sample("fraud.csv")).Skip(1).Select(l => l.Split(','))];
        Verdict.Reports.Html.HtmlReportCharts binary = Verdict.Reports.Html.HtmlReportCharts.ForBinary(
            [.. fraud.Select(f => double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture))], [.. fraud.Select(f => f[1] == "fraud")], "fraud");
        (code, output, err) = Run("report", Sample("fraud.csv"), "--actual", "label", "--predicted", "predicted",
            "--score", "p_fraud", "--positive", "fraud", "--format", "html", "--no-log");
        Assert.True(code == 0, err);
        Assert.Contains(Verdict.Charts.RocChart.Render(binary.Roc!), output, StringComparison.Ordinal);
    }
}
