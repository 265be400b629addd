using System.Text.Json.Nodes;
using static Verdict.Cli.Tests.Commands.CliRunner;

namespace Verdict.Cli.Tests.Commands;

public sealed class MergeCommandTests
{
    [Fact]
    public void Merge_FraudSplitIntoEightShards_EqualsReportOnTheWholeFile()
    {
        string dir = Directory.CreateTempSubdirectory("verdict-shards-").FullName;
        string[] lines = File.ReadAllLines(Sample("fraud.csv"));
        string header = lines[0];
        int rows = lines.Length - 1, shards = 8;
        var states = new List<string>();
        for (int s = 0; s < shards; s++)
        {
            int from = 1 + (rows * s / shards), to = 1 + (rows * (s + 1) / shards);
            string part = Path.Combine(dir, $"part-{s}.csv");
            File.WriteAllLines(part, [header, .. lines[from..to]]);
            string state = Path.Combine(dir, $"shard-{s}.json");
            (int code, _, string err) = Run("report", part, "--actual", "label", "--predicted", "predicted", "--score", "p_fraud",
                "--positive", "fraud", "--save-state", state, "--shard-id", $"shard-{s}", "--quiet");
            Assert.True(code == 0, err);
            states.Add(state);
        }

        // Merge in a scrambled order: the result must not depend on it.
        string[] order = [.. states.OrderBy(p => p.GetHashCode(StringComparison.Ordinal))];
        (int mergeCode, string merged, string mergeErr) = Run(["merge", .. order, "--format", "json"]);
        Assert.True(mergeCode == 0, mergeErr);
        (_, string whole, _) = Run("report", Sample("fraud.csv"), "--actual", "label", "--predicted", "predicted", "--score", "p_fraud",
            "--positive", "fraud", "--format", "json");
        JsonObject m = JsonNode.Parse(merged)!.AsObject(), w = JsonNode.Parse(whole)!.AsObject();
        Assert.Equal(w["confusion_matrix"]!.ToJsonString(), m["confusion_matrix"]!.ToJsonString());
        Assert.Equal(w["classification_report"]!.ToJsonString(), m["classification_report"]!.ToJsonString());
        Assert.Equal(w["rows"]!.ToJsonString(), m["rows"]!.ToJsonString());
        foreach ((string key, JsonNode? value) in w["metrics"]!.AsObject())
        {
            if (value is JsonValue)
            {
                Close(value.GetValue<double>(), m["metrics"]![key], key);
            }
        }

        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Merge_SameShardTwice_ExitsTwo()
    {
        string state = Path.Combine(Path.GetTempPath(), "verdict-state-" + Guid.NewGuid().ToString("N") + ".json");
        (int code, _, _) = RunWithInput("y_true,y_pred\na,a\nb,a\n", "report", "-", "--save-state", state, "--shard-id", "s1");
        Assert.Equal(0, code);
        (int merge, _, string err) = Run("merge", state, state);
        Assert.Equal(2, merge);
        Assert.Contains("Shard 's1' is already merged", err, StringComparison.Ordinal);
        File.Delete(state);
    }

    [Fact]
    public void Merge_ShardsWithDifferentLabels_MergeByName()
    {
        string a = TempFile("x"), b = TempFile("x");
        Assert.Equal(0, RunWithInput("y_true,y_pred\ncat,cat\ndog,cat\n", "report", "-", "--save-state", a).Code);
        Assert.Equal(0, RunWithInput("y_true,y_pred\nbird,bird\ncat,cat\n", "report", "-", "--save-state", b).Code);
        (int code, string output, _) = Run("merge", a, b, "--format", "json");
        Assert.Equal(0, code);
        (_, string whole, _) = RunWithInput("y_true,y_pred\ncat,cat\ndog,cat\nbird,bird\ncat,cat\n", "report", "-", "--format", "json");
        Assert.Equal(JsonNode.Parse(whole)!["classification_report"]!.ToJsonString(), JsonNode.Parse(output)!["classification_report"]!.ToJsonString());
    }

    [Fact]
    public void Merge_NotAStateFile_ExitsTwoNamingTheFile()
    {
        string bad = TempFile("{\"schema\": \"something/else\"}", ".json");
        (int code, _, string err) = Run("merge", bad);
        Assert.Equal(2, code);
        Assert.Contains(Path.GetFileName(bad), err, StringComparison.Ordinal);
        Assert.Contains("verdict/state/v1", err, StringComparison.Ordinal);
    }
}
