using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Tracking;

namespace Verdict.Tests.Tracking;

/// <summary>The "From .NET code" example of docs/tracking.md, run: the page shows exactly the code between the markers.</summary>
public sealed class TrackingDocExampleTests : IDisposable
{
    private static readonly string[] Actual = ["fraud", "legit", "legit", "fraud", "legit", "legit"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Stands in for training: the validation predictions get better each epoch.</summary>
    private static (string[] Actual, string[] Predicted, double Loss) TrainOneEpoch(int epoch) => epoch switch
    {
        0 => (Actual, ["legit", "legit", "legit", "legit", "legit", "legit"], 0.9),
        1 => (Actual, ["fraud", "legit", "fraud", "legit", "legit", "legit"], 0.5),
        _ => (Actual, ["fraud", "legit", "legit", "fraud", "legit", "legit"], 0.2),
    };

    [Fact]
    public void FromDotNetCode_ExampleRuns()
    {
        string logDir = Path.Combine(_temp.Path, "runs", "fraud");

        // docs/tracking.md begin
        var memory = new InMemoryRunLogger();
        using (var run = new CompositeRunLogger(new TensorBoardLogger(logDir), memory))
        {
            run.LogParam("model", "gradient-boosting");
            run.SetTag("team", "risk");
            for (int epoch = 0; epoch < 3; epoch++)
            {
                (string[] actual, string[] predicted, double loss) = TrainOneEpoch(epoch);
                EvaluationReport report = EvaluationReport.For(LabelEvaluation.FromLabels(actual, predicted), positive: "fraud");
                run.LogMetric("loss", loss, step: epoch);
                run.LogReport(report, step: epoch, prefix: "val_");   // val_f1_macro, val_recall_fraud, ...
            }

            run.Finish();
        }

        double? f1 = memory.Latest("val_f1_macro");   // 1 at the last epoch
        // docs/tracking.md end

        Assert.Equal(1.0, f1);
        // recall of fraud: 0 of 2, 1 of 2, 2 of 2; precision of fraud at epoch 1: 1 of 2.
        Assert.Equal([(0L, 0.0), (1L, 0.5), (2L, 1.0)], memory.History("val_recall_fraud").Select(m => (m.Step, m.Value)));
        Assert.Equal(0.5, memory.History("val_precision_fraud")[1].Value);
        Assert.Equal([0.9, 0.5, 0.2], memory.History("loss").Select(m => m.Value));
        Assert.Equal(RunStatus.Finished, memory.Status);
        Assert.Equal("gradient-boosting", memory.Params["model"]);

        string file = Assert.Single(Directory.GetFiles(logDir));
        TensorBoardEventReader.EventFile events = TensorBoardEventReader.Read(File.ReadAllBytes(file));
        Assert.Equal(memory.Metrics.Select(m => (m.Key, m.Step, (float)m.Value)), events.Scalars.Select(s => (s.Tag, s.Step, s.Value)));
    }

    [Fact]
    public void FromDotNetCode_DocsShowTheCodeThisTestRuns()
    {
        string root = RepositoryRoot();
        string[] source = File.ReadAllLines(Path.Combine(root, "tests", "Verdict.Tests", "Tracking", "TrackingDocExampleTests.cs"));
        int begin = Array.FindIndex(source, l => l.Trim() == "// docs/tracking.md begin");
        int end = Array.FindIndex(source, l => l.Trim() == "// docs/tracking.md end");
        string[] example = Code(source[(begin + 1)..end]);

        string doc = File.ReadAllText(Path.Combine(root, "docs", "tracking.md"));
        int section = doc.IndexOf("## From .NET code", StringComparison.Ordinal);
        Assert.True(section >= 0, "docs/tracking.md has no '## From .NET code' section");
        int open = doc.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        int close = doc.IndexOf("\n```", open, StringComparison.Ordinal);
        string[] shown = Code(doc[open..close].Split('\n'));

        Assert.True(example.Length > 10);
        int at = Enumerable.Range(0, shown.Length - example.Length + 1).FirstOrDefault(i => shown.Skip(i).Take(example.Length).SequenceEqual(example), -1);
        Assert.True(at >= 0, "the docs/tracking.md example differs from the tested code:\n" + string.Join("\n", example));
    }

    private static string[] Code(IEnumerable<string> lines) => [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "docs", "tracking.md")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new FileNotFoundException("docs/tracking.md not found above the test folder");
    }
}
