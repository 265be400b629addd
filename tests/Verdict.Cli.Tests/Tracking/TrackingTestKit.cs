using System.CommandLine;
using System.Globalization;
using Verdict.Cli.Commands;
using Verdict.Cli.Tracking;
using Verdict.Tracking;
using Verdict.Reports;

namespace Verdict.Cli.Tests.Tracking;

/// <summary>A scratch VERDICT_HOME per test class, an injectable environment, and ways to run commands against it.</summary>
public sealed class TrackingHome : IDisposable
{
    public TrackingHome()
    {
        Directory = Path.Combine(Path.GetTempPath(), "verdict-tracking-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "runs.db");

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public List<TimeSpan> Delays { get; } = [];

    /// <summary>VERDICT_HOME points here; other variables come from <see cref="Variables"/>; retries do not wait.</summary>
    internal TrackingEnvironment Environment(HttpMessageHandler? handler = null) => new()
    {
        Variable = name => name == "VERDICT_HOME" ? Directory : Variables.GetValueOrDefault(name),
        Clock = () => new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero),
        WorkingDirectory = Directory,
        HttpHandler = handler,
        Delay = (t, _) =>
        {
            lock (Delays)
            {
                Delays.Add(t);
            }

            return Task.CompletedTask;
        },
    };

    internal RunStore Store() => new(DatabasePath);

    /// <summary>A copy of the breast cancer sample in this folder (made once), so the recorded input path is private to the test.</summary>
    public string BreastCancer()
    {
        string path = Path.Combine(Directory, "bc.csv");
        if (!System.IO.File.Exists(path))
        {
            System.IO.File.Copy(Samples.Path("breast_cancer.csv"), path);
        }

        return path;
    }

    /// <summary>Runs the tracked test command (<c>evaluate</c>) on <see cref="BreastCancer"/> with this home's environment.</summary>
    public (int Code, string Out, string Err) RunOnBreastCancer(params string[] args) =>
        Cli.Run(Environment(), Cli.TrackedRoot, ["evaluate", BreastCancer(), .. args]);

    public string File(string name, string content)
    {
        string path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Runs a command line in-process and captures its streams.</summary>
internal static class Cli
{
    public static (int Code, string Out, string Err) Run(TrackingEnvironment env, params string[] args) =>
        Run(env, CommandLine.Build, args);

    public static (int Code, string Out, string Err) Run(TrackingEnvironment env, Func<CliContext, Command> build, params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var context = new CliContext(stdout, stderr) { Tracking = env };
        ParseResult parse = build(context).Parse(args);
        int code;
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError e in parse.Errors)
            {
                stderr.WriteLine(e.Message);
            }

            code = ExitCodes.BadInput;
        }
        else
        {
            code = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// A root with one command, <c>evaluate FILE</c>, wired as report/thresholds/gate will be: the tracking options, a
    /// report of the breast-cancer sample, then <see cref="TrackingOptions.Record"/>.
    /// </summary>
    public static RootCommand TrackedRoot(CliContext context)
    {
        var file = new Argument<string>("FILE");
        var command = new Command("evaluate") { file };
        TrackingOptions tracking = TrackingOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            tracking.Read(parse, context.Tracking);
            string path = parse.GetValue(file)!;
            EvaluationReport report = Samples.BreastCancer(context, path);
            context.Out.WriteLine("evaluated");
            int logged = tracking.Record(parse, RunRecord.FromReport(report, "report", path, threshold: 0.5, averaging: "binary"), context);
            return TrackingOptions.Combine(ExitCodes.Success, logged);
        }));
        return new RootCommand { command };
    }
}

/// <summary>Reports of the sample files, through the report command's own evaluation.</summary>
internal static class Samples
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static EvaluationReport BreastCancer(CliContext? context = null, string? path = null) =>
        ReportCommand.Evaluate(new ReportSettings
        {
            File = path ?? Path("breast_cancer.csv"),
            Actual = "diagnosis",
            Predicted = "predicted",
            Score = "p_malignant",
            Positive = "malignant",
        }, context ?? Quiet());

    public static EvaluationReport Digits() =>
        ReportCommand.Evaluate(new ReportSettings
        {
            File = Path("digits.csv"),
            Scores = [.. Enumerable.Range(0, 10).Select(i => "p_" + i.ToString(CultureInfo.InvariantCulture))],
            Normalize = true,
        }, Quiet());

    public static EvaluationReport Multilabel() =>
        ReportCommand.Evaluate(new ReportSettings
        {
            File = Path("multilabel.csv"),
            Task = Evaluation.TaskKind.Multilabel,
            Actual = "y_0,y_1,y_2,y_3,y_4",
            Scores = ["p_0", "p_1", "p_2", "p_3", "p_4"],
        }, Quiet());

    private static CliContext Quiet() => new(TextWriter.Null, TextWriter.Null);
}

/// <summary>Runs with made-up metrics for store tests.</summary>
internal static class Runs
{
    public static RunRecord Make(int n, string command = "report", DateTimeOffset? time = null) => new()
    {
        Time = time ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n),
        Command = command,
        CommandLine = $"verdict {command} data{n}.csv --positive fraud",
        InputPath = $"/data/data{n}.csv",
        InputSize = 1000 + n,
        InputSha256 = RunRecord.Sha256Hex(BitConverter.GetBytes(n)),
        Threshold = 0.5,
        Averaging = "binary",
        Positive = "fraud",
        Task = "binary",
        Rows = 100 + n,
        GitCommit = "6b84252d2c1f0c6a3f3e1f0b7f5a8c2d9e0a1b2c",
        Metrics =
        [
            new RunMetric("accuracy", 0.9 + (n / 10000.0)),
            new RunMetric("f1_macro", 0.8 + (n / 10000.0)),
            new RunMetric("roc_auc", double.NaN),
        ],
        PerClass =
        [
            new ClassMetric("precision", "fraud", "precision_fraud", 0.7),
            new ClassMetric("support", "fraud", "support_fraud", 12),
            new ClassMetric("precision", "legit", "precision_legit", 0.99),
            new ClassMetric("support", "legit", "support_legit", 88),
        ],
    };
}
