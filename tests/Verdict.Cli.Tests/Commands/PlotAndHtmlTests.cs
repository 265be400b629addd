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
}
