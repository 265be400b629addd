using static Verdict.Cli.Tests.Commands.CliRunner;

namespace Verdict.Cli.Tests.Commands;

/// <summary>report and thresholds record their runs in the local history unless --no-log.</summary>
public sealed class HistoryWiringTests
{
    [Fact]
    public void ReportAndThresholds_RecordRuns_AndNoLogRecordsNothing()
    {
        string tag = "wiring-" + Guid.NewGuid().ToString("N");
        Assert.Equal(0, Run("report", Sample("breast_cancer.csv"), "--actual", "diagnosis", "--predicted", "predicted", "--positive", "malignant", "--tag", "case=" + tag).Code);
        Assert.Equal(0, Run("thresholds", Sample("breast_cancer.csv"), "--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--grid", "0.5", "--tag", "case=" + tag).Code);
        Assert.Equal(0, Run("report", Sample("breast_cancer.csv"), "--actual", "diagnosis", "--predicted", "predicted", "--no-log", "--tag", "case=" + tag).Code);
        (int code, string output, string err) = Run("runs", "list", "--db", HistoryPath, "--format", "json", "--filter", "tag.case=" + tag);
        Assert.True(code == 0, err);
        var runs = System.Text.Json.Nodes.JsonNode.Parse(output)!["runs"]!.AsArray();
        Assert.Equal(2, runs.Count);
        Assert.Contains(runs, r => (string)r!["command"]! == "report");
        Assert.Contains(runs, r => (string)r!["command"]! == "thresholds");
    }
}
