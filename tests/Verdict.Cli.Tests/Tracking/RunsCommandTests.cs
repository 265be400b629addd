using System.Text.Json;
using Verdict.Cli.Tracking;

namespace Verdict.Cli.Tests.Tracking;

public sealed class RunsCommandTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    private TrackingEnvironment Env => _home.Environment();

    private void Seed(int count)
    {
        RunStore store = _home.Store();
        for (int i = 1; i <= count; i++)
        {
            RunRecord run = Runs.Make(i, i % 2 == 0 ? "gate" : "report");
            if (i == 2)
            {
                run = run with { Gate = GateOutcome.Fail, GateFailures = ["f1_macro 0.8002 < 0.9"], Spec = "f1_macro >= 0.9\n", SpecSha256 = "5pec" };
            }

            store.Add(run);
        }
    }

    [Fact]
    public void List_NoDatabase_SaysSoAndCreatesNothing()
    {
        (int code, string output, string err) = Cli.Run(Env, "runs", "list");

        Assert.Equal(0, code);
        Assert.Equal($"no runs recorded yet ({_home.DatabasePath} does not exist)\n", output);
        Assert.Empty(err);
        Assert.False(File.Exists(_home.DatabasePath));
    }

    [Fact]
    public void List_Text_TableWithDefaultMetricColumns()
    {
        Seed(3);

        (int code, string output, _) = Cli.Run(Env, "runs", "list");

        Assert.Equal(0, code);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^ID\s+TIME \(UTC\)\s+COMMAND\s+INPUT\s+ROWS\s+GATE\s+accuracy\s+f1_macro\s+COMMIT$", lines[0]);
        Assert.Matches(@"^ 1\s+2025-01-01 00:01:00\s+report\s+/data/data1.csv\s+101\s+-\s+0.9001\s+0.8001\s+6b84252$", lines[1]);
        Assert.Matches(@"^ 2\s+2025-01-01 00:02:00\s+gate\s+/data/data2.csv\s+102\s+fail\s+0.9002\s+0.8002\s+6b84252$", lines[2]);
    }

    [Fact]
    public void List_LastAndFilter()
    {
        Seed(5);

        (_, string last, _) = Cli.Run(Env, "runs", "list", "--last", "2");
        (_, string gates, _) = Cli.Run(Env, "runs", "list", "--filter", "command=gate", "--filter", "accuracy>0.90035", "--metrics", "roc_auc,precision_fraud");

        Assert.Equal(4, last.TrimEnd('\n').Split('\n').Length);
        Assert.EndsWith("(2 of 5 runs; --last N shows more)\n", last);
        Assert.Contains("\n 5 ", last);
        string[] lines = gates.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^ID.*roc_auc\s+precision_fraud\s+COMMIT$", lines[0]);
        Assert.Matches(@"^ 4 .*\s+nan\s+0.7000\s+6b84252$", lines[1]);
    }

    [Fact]
    public void List_BadFilter_ExitTwoWithMessage()
    {
        Seed(1);

        (int code, _, string err) = Cli.Run(Env, "runs", "list", "--filter", "f1_macro>high");

        Assert.Equal(2, code);
        Assert.Contains("--filter 'f1_macro>high'", err);
    }

    [Fact]
    public void List_Json()
    {
        Seed(2);

        (int code, string output, _) = Cli.Run(Env, "runs", "list", "--format", "json");

        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal("verdict/runs/v1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public void Show_Text_FieldsMetricsPerClassAndSpec()
    {
        Seed(2);

        (int code, string output, _) = Cli.Run(Env, "runs", "show", "2");

        Assert.Equal(0, code);
        Assert.StartsWith("run 2\n\n", output);
        Assert.Matches(@"\ncommand_line\s+verdict gate data2.csv --positive fraud\n", output);
        Assert.Matches(@"\ninput_sha256\s+[0-9a-f]{64}\n", output);
        Assert.Matches(@"\ngate\s+fail\n", output);
        Assert.Matches(@"\ngate_failures\s+f1_macro 0.8002 < 0.9\n", output);
        Assert.Matches(@"\nmetrics\n  accuracy\s+0.9002\n  f1_macro\s+0.8002\n  roc_auc\s+nan\n", output);
        Assert.Matches(@"\nper class\n  class\s+precision\s+support\n  fraud\s+0.7000\s+12\n  legit\s+0.9900\s+88\n", output);
        Assert.EndsWith("\nspec\n  f1_macro >= 0.9\n", output);
    }

    [Fact]
    public void Show_LastAsJson()
    {
        Seed(3);

        (int code, string output, _) = Cli.Run(Env, "runs", "show", "last", "--format", "json");

        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement run = doc.RootElement;
        Assert.Equal(3, run.GetProperty("id").GetInt64());
        Assert.Equal(0.9003, run.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("metrics").GetProperty("roc_auc").ValueKind);
        Assert.Equal(12, run.GetProperty("per_class").GetProperty("fraud").GetProperty("support").GetDouble());
        Assert.Equal(1003, run.GetProperty("input").GetProperty("size").GetInt64());
    }

    [Fact]
    public void Show_Missing_ExitTwo()
    {
        Seed(1);

        (int code, _, string err) = Cli.Run(Env, "runs", "show", "42");

        Assert.Equal(2, code);
        Assert.Contains("there is no run 42 in", err);
    }

    [Fact]
    public void Compare_Text_SideBySideWithDifferences()
    {
        Seed(2);

        (int code, string output, _) = Cli.Run(Env, "runs", "compare", "1", "2");

        Assert.Equal(0, code);
        Assert.StartsWith("run 1 vs run 2\n\n", output);
        Assert.Matches(@"\ncommand\s+report\s+gate\s+\*\n", output);
        Assert.Matches(@"\ngit_commit\s+6b84252d2c1f0c6a3f3e1f0b7f5a8c2d9e0a1b2c\s+6b84252d2c1f0c6a3f3e1f0b7f5a8c2d9e0a1b2c\n", output);
        Assert.Matches(@"\naccuracy\s+0.9001\s+0.9002\s+\+0.0001\s+\*\n", output);
        Assert.Matches(@"\nroc_auc\s+nan\s+nan\n", output);
        Assert.Matches(@"\nsupport_fraud\s+12\s+12\s+0\n", output);
        Assert.EndsWith("\n2 of 7 metrics differ\n", output);
    }

    [Fact]
    public void Compare_ChangedOnly_LastMinusOneVsLast()
    {
        Seed(3);

        (int code, string output, _) = Cli.Run(Env, "runs", "compare", "last-1", "last", "--changed");

        Assert.Equal(0, code);
        Assert.StartsWith("run 2 vs run 3\n", output);
        Assert.DoesNotContain("git_commit", output);
        Assert.DoesNotContain("roc_auc", output);
        Assert.Contains("f1_macro", output);
    }

    [Fact]
    public void Compare_Json()
    {
        Seed(2);

        (_, string output, _) = Cli.Run(Env, "runs", "compare", "1", "2", "--format", "json");

        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement accuracy = doc.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "accuracy");
        Assert.Equal(0.0001, accuracy.GetProperty("diff").GetDouble(), 12);
        Assert.True(accuracy.GetProperty("differs").GetBoolean());
    }

    [Fact]
    public void Export_Csv_OneRowPerRunOneColumnPerMetric()
    {
        Seed(2);

        (int code, string output, _) = Cli.Run(Env, "runs", "export", "--format", "csv");

        Assert.Equal(0, code);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("id,uid,time,command,command_line,input_path,input_size,input_sha256,spec_sha256,threshold,averaging,positive,task,rows,gate,gate_failures,tool_version,git_commit,name,tags,mlflow_run_id,accuracy,f1_macro,roc_auc,precision_fraud,support_fraud,precision_legit,support_legit", lines[0]);
        Assert.StartsWith("1,", lines[1]);
        Assert.EndsWith(",0.9001,0.8001,nan,0.7,12,0.99,88", lines[1]);
        Assert.Contains(",gate,verdict gate data2.csv --positive fraud,/data/data2.csv,1002,", lines[2]);
        Assert.Contains(",5pec,0.5,binary,fraud,binary,102,fail,f1_macro 0.8002 < 0.9,", lines[2]);
    }

    [Fact]
    public void Export_Json_ToFile()
    {
        Seed(3);
        string path = Path.Combine(_home.Directory, "runs.json");

        (int code, string output, _) = Cli.Run(Env, "runs", "export", "--format", "json", "--filter", "command=report", "--output", path);

        Assert.Equal(0, code);
        Assert.Empty(output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal([1L, 3L], doc.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public void Export_NoFormat_IsAUsageError()
    {
        (int code, _, _) = Cli.Run(Env, "runs", "export");

        Assert.Equal(2, code);
    }

    [Fact]
    public void Db_OptionOverridesTheDefault()
    {
        string other = Path.Combine(_home.Directory, "elsewhere", "other.db");
        new RunStore(other).Add(Runs.Make(1));

        (int code, string output, _) = Cli.Run(Env, "runs", "list", "--db", other);

        Assert.Equal(0, code);
        Assert.Contains("/data/data1.csv", output);
        Assert.False(File.Exists(_home.DatabasePath));
    }
}
