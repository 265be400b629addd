using System.Text.Json.Nodes;
using Verdict.Cli.Commands;
using Verdict.Cli.Output;
using static Verdict.Cli.Tests.Commands.CliRunner;

namespace Verdict.Cli.Tests.Commands;

public sealed class ScoreInputTests
{
    private const string Hard = "y_true,s\n0,0\n1,1\n0,1\n1,1\n";

    [Theory]
    [InlineData("report", "--score")]
    [InlineData("curves", "--score")]
    [InlineData("thresholds", "--score")]
    public void HardZeroOneScores_AreRejectedWithAHint(string command, string option)
    {
        string[] args = command == "thresholds" ? [command, "-", option, "s", "--grid", "0.5"] : [command, "-", option, "s"];
        (int code, _, string err) = RunWithInput(Hard, args);
        Assert.Equal(2, code);
        Assert.Contains("look like hard predictions", err, StringComparison.Ordinal);
        Assert.Contains("--allow-hard-scores", err, StringComparison.Ordinal);
    }

    [Fact]
    public void HardZeroOneScores_AllowedWithTheFlag()
    {
        (int code, string output, _) = RunWithInput(Hard, "report", "-", "--score", "s", "--allow-hard-scores", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal(0.75, (double)JsonNode.Parse(output)!["metrics"]!["roc_auc"]!, 12);
    }

    [Fact]
    public void MulticlassScores_RowNotSummingToOne_SaysByHowMuchAndOffersNormalize()
    {
        const string csv = "y_true,a,b\na,0.7,0.2\nb,0.4,0.6\n";
        (int code, _, string err) = RunWithInput(csv, "report", "-", "--scores", "a=a,b=b");
        Assert.Equal(2, code);
        Assert.Contains("row 1", err, StringComparison.Ordinal);
        Assert.Contains("off from 1 by -0.1", err, StringComparison.Ordinal);
        Assert.Contains("--normalize", err, StringComparison.Ordinal);
        (int ok, _, _) = RunWithInput(csv, "report", "-", "--scores", "a=a,b=b", "--normalize");
        Assert.Equal(0, ok);
    }

    [Fact]
    public void MulticlassScores_ColumnCountNotMatchingLabels_ExitsTwo()
    {
        (int code, _, string err) = RunWithInput("y_true,a,b\na,0.7,0.3\nb,0.4,0.6\nc,0.5,0.5\n", "report", "-", "--scores", "a,b");
        Assert.Equal(2, code);
        Assert.Contains("names 2 columns but there are 3 labels", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryScoreOneClassPresent_AucIsNullWithNote()
    {
        (int code, string output, _) = RunWithInput("y_true,y_pred,s\n1,1,0.9\n1,0,0.2\n", "report", "-", "--score", "s", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        Assert.Null(r["metrics"]!["roc_auc"]);
        Assert.Contains(r["undefined"]!.AsArray(), n => ((string)n!).Contains("roc_auc is undefined", StringComparison.Ordinal));
    }

    [Fact]
    public void ProgressBar_SmallInput_DrawsNothing()
    {
        var err = new StringWriter();
        var bar = new ProgressBar(err, 1000);
        bar.Report(500);
        bar.Finish();
        Assert.Equal("", err.ToString());
    }

    [Fact]
    public void ProgressBar_LargeInput_DrawsRateAndPercentThenClears()
    {
        var err = new StringWriter();
        long total = 200L << 20;
        var bar = new ProgressBar(err, total);
        bar.Report(100L << 20);
        Assert.Contains("50.0%", err.ToString(), StringComparison.Ordinal);
        Assert.Contains("MB/s", err.ToString(), StringComparison.Ordinal);
        bar.Finish();
        Assert.EndsWith("\r", err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void InputSettings_QuietOrNotATerminal_NoProgress(bool quiet, bool terminal)
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, null, stderrIsTerminal: terminal);
        Assert.Null(new InputSettings { Quiet = quiet }.ToReadOptions(context).Progress);
        Assert.NotNull(new InputSettings().ToReadOptions(new CliContext(TextWriter.Null, TextWriter.Null, null, stderrIsTerminal: true)).Progress);
    }
}
