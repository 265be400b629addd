using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>What the tracking options of one command line ask for.</summary>
internal sealed record TrackingSettings
{
    /// <summary><c>--no-log</c>: keep this run out of the local history.</summary>
    public bool NoLog { get; init; }

    /// <summary><c>--mlflow URI</c>: the tracking server, or null.</summary>
    public Uri? Mlflow { get; init; }

    /// <summary><c>--experiment NAME</c> (else $MLFLOW_EXPERIMENT_NAME, else "Default").</summary>
    public string Experiment { get; init; } = "Default";

    /// <summary><c>--run-name NAME</c>, or null.</summary>
    public string? RunName { get; init; }

    /// <summary><c>--step N</c> (default 0): the step of MLflow metrics and TensorBoard scalars.</summary>
    public long Step { get; init; }

    /// <summary><c>--tag k=v</c>, in order; a repeated key keeps its last value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary><c>--tensorboard DIR</c>, or null.</summary>
    public string? TensorBoard { get; init; }

    /// <summary>Whether anything is recorded at all.</summary>
    public bool Any => !NoLog || Mlflow is not null || TensorBoard is not null;
}

/// <summary>
/// Adds the tracking options to a command (<c>--no-log</c>, <c>--mlflow</c>, <c>--experiment</c>,
/// <c>--run-name</c>, <c>--step</c>, <c>--tag</c>, <c>--tensorboard</c>) and records a run as they ask.
/// </summary>
/// <example>
/// Wiring a command takes a few lines:
/// <code>
/// TrackingOptions tracking = TrackingOptions.AddTo(command);
/// // in the action, with the other settings, so usage errors come before any work:
/// tracking.Read(parse, context.Tracking);
/// // after the work (report: the EvaluationReport; thresholds: RunRecord.FromThresholds(table, file)):
/// RunRecord run = RunRecord.FromReport(report, "report", settings.File, settings.Threshold);
/// // gate: RunRecord.FromReport(report, "gate", file, threshold, averaging, specText, verdict, failedRules)
/// return TrackingOptions.Combine(exitCode, tracking.Record(parse, run, context));
/// </code>
/// </example>
internal sealed class TrackingOptions
{
    private readonly Option<bool> _noLog = new("--no-log") { Description = "Do not record this run in the local run history ($VERDICT_HOME/runs.db; see 'verdict runs')." };
    private readonly Option<string?> _mlflow = new("--mlflow") { Description = "Also log the run to this MLflow tracking server (auth: MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME/PASSWORD).", HelpName = "URI" };
    private readonly Option<string?> _experiment = new("--experiment") { Description = "MLflow experiment (created if missing; default $MLFLOW_EXPERIMENT_NAME, else Default).", HelpName = "NAME" };
    private readonly Option<string?> _runName = new("--run-name") { Description = "Name of the run (MLflow run name; also kept in the local history).", HelpName = "NAME" };
    private readonly Option<long?> _step = new("--step") { Description = "Step of the logged metrics in MLflow and TensorBoard (default 0).", HelpName = "N" };
    private readonly Option<string[]> _tag = new("--tag") { Description = "Tag the run (repeatable): MLflow tag and local history tag.", HelpName = "KEY=VALUE", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _tensorboard = new("--tensorboard") { Description = "Also write the metrics as TensorBoard scalars to an event file in this folder.", HelpName = "DIR" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public static TrackingOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = new TrackingOptions();
        command.Options.Add(o._noLog);
        command.Options.Add(o._mlflow);
        command.Options.Add(o._experiment);
        command.Options.Add(o._runName);
        command.Options.Add(o._step);
        command.Options.Add(o._tag);
        command.Options.Add(o._tensorboard);
        return o;
    }

    /// <summary>The exit code of a command that recorded its run: the command's own, unless recording failed (2).</summary>
    public static int Combine(int commandExitCode, int trackingExitCode) => Math.Max(commandExitCode, trackingExitCode);

    /// <summary>Reads and checks the options; usage errors throw <see cref="CliException"/> (exit 2).</summary>
    public TrackingSettings Read(ParseResult parse, TrackingEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        TrackingEnvironment env = environment ?? TrackingEnvironment.Process;
        string? uriText = parse.GetValue(_mlflow);
        Uri? uri = null;
        if (uriText is not null)
        {
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new CliException($"--mlflow '{uriText}' is not an http:// or https:// address; give the tracking server, e.g. --mlflow http://127.0.0.1:5000");
            }
        }

        string? experiment = parse.GetValue(_experiment);
        if (experiment is not null && uri is null)
        {
            throw new CliException("--experiment names an MLflow experiment; give --mlflow URI too");
        }

        if (experiment is { Length: 0 })
        {
            throw new CliException("--experiment needs a name");
        }

        long step = parse.GetValue(_step) ?? 0;
        if (step < 0)
        {
            throw new CliException($"--step {step.ToString(CultureInfo.InvariantCulture)} is negative; steps count from 0");
        }

        string? tensorboard = parse.GetValue(_tensorboard);
        if (tensorboard is { Length: 0 })
        {
            throw new CliException("--tensorboard needs a folder");
        }

        return new TrackingSettings
        {
            NoLog = parse.GetValue(_noLog),
            Mlflow = uri,
            Experiment = experiment ?? NonEmpty(env.Variable("MLFLOW_EXPERIMENT_NAME")) ?? "Default",
            RunName = parse.GetValue(_runName),
            Step = step,
            Tags = Tags(parse.GetValue(_tag)),
            TensorBoard = tensorboard,
        };
    }

    /// <summary>
    /// Records <paramref name="run"/> as the options ask, completing it first (command name and line, time, input
    /// size and SHA-256, git commit, run name, tags), through one <see cref="CompositeRunLogger"/> over the library's
    /// <see cref="IRunLogger"/>: the local history (<see cref="RunStoreLogger"/>) unless <c>--no-log</c>, then
    /// TensorBoard (<see cref="TensorBoardLogger"/>) and MLflow (<see cref="MlflowRunLogger"/>) when asked. Every sink
    /// gets the run even when another fails. Returns 0, or 2 after a clear message on standard error when MLflow or
    /// TensorBoard failed (the local record is kept, and the message gives its id). A local history that cannot be
    /// written is a warning, not a failure: it must not break the evaluation it records.
    /// </summary>
    public int Record(ParseResult parse, RunRecord run, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        TrackingEnvironment env = context.Tracking;
        TrackingSettings settings = Read(parse, env);
        if (!settings.Any)
        {
            return ExitCodes.Success;
        }

        run = Complete(run, parse, settings, env);
        DateTimeOffset time = run.Time;
        var loggers = new List<IRunLogger>();
        RunStoreLogger? local = null;
        if (!settings.NoLog)
        {
            local = new RunStoreLogger(new RunStore(env.ResolveDatabasePath()), run);
            loggers.Add(local);
        }

        TensorBoardLogger? tensorBoard = null;
        Exception? tensorBoardError = null;
        if (settings.TensorBoard is string dir)
        {
            try
            {
                tensorBoard = new TensorBoardLogger(dir, () => time);
                loggers.Add(tensorBoard);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                tensorBoardError = e;
            }
        }

        MlflowRunLogger? mlflow = null;
        if (settings.Mlflow is Uri uri)
        {
            var client = new MlflowClient(uri, env.Variable, env.HttpHandler, env.Delay, clock: env.Clock);
            mlflow = new MlflowRunLogger(client, settings.Experiment, run, () => local?.Id ?? 0);
            loggers.Add(mlflow);
        }

        Dictionary<IRunLogger, Exception> failures = Log(new CompositeRunLogger(loggers), run, settings.Step);
        int code = ExitCodes.Success;
        if (local is not null && failures.TryGetValue(local, out Exception? stored))
        {
            Expect(stored, stored is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or CliException);
            context.Error.WriteLine($"verdict: warning: the run was not recorded in the local history {local.Store.Path}: {stored.Message} (set VERDICT_HOME to a writable folder, or pass --no-log)");
        }

        long id = local?.Id ?? 0;
        string kept = id > 0
            ? $"the run is kept in the local history as run {id.ToString(CultureInfo.InvariantCulture)} ('verdict runs show {id.ToString(CultureInfo.InvariantCulture)}')"
            : "the run is not in the local history";
        if (tensorBoard is not null && failures.TryGetValue(tensorBoard, out Exception? written))
        {
            tensorBoardError = written;
        }

        if (tensorBoardError is not null)
        {
            Expect(tensorBoardError, tensorBoardError is IOException or UnauthorizedAccessException);
            context.Error.WriteLine($"verdict: error: cannot write the TensorBoard event file in '{settings.TensorBoard}': {tensorBoardError.Message}; {kept}");
            code = ExitCodes.BadInput;
        }

        if (mlflow is not null)
        {
            if (failures.TryGetValue(mlflow, out Exception? sent))
            {
                Expect(sent, sent is MlflowException);
                context.Error.WriteLine($"verdict: error: {sent.Message}; {kept}");
                code = ExitCodes.BadInput;
            }
            else if (local is not null && id > 0 && mlflow.Result is MlflowRunResult result)
            {
                TrySetMlflowRunId(local.Store, id, result.RunId);
            }
        }

        return code;
    }

    /// <summary>
    /// Feeds <paramref name="run"/> to <paramref name="sinks"/> (its tags, its metrics at <paramref name="step"/>, the
    /// finish) and disposes them; returns each sink's first failure. A failing sink never keeps the others from the run.
    /// </summary>
    internal static Dictionary<IRunLogger, Exception> Log(CompositeRunLogger sinks, RunRecord run, long step)
    {
        var failures = new Dictionary<IRunLogger, Exception>();
        void Call(Action<CompositeRunLogger> action)
        {
            try
            {
                action(sinks);
            }
            catch (RunLoggerException e)
            {
                foreach (RunLoggerFailure f in e.Failures)
                {
                    failures.TryAdd(f.Logger, f.Exception);
                }
            }
        }

        foreach (KeyValuePair<string, string> tag in run.Tags)
        {
            Call(s => s.SetTag(tag.Key, tag.Value));
        }

        Call(s => s.LogMetrics(run.AllMetrics(), step));
        Call(s => s.Finish());
        Call(s => s.Dispose());
        return failures;
    }

    /// <summary>Rethrows <paramref name="e"/> (as thrown) unless it is a failure the caller reports.</summary>
    private static void Expect(Exception e, bool reported)
    {
        if (!reported)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        }
    }

    /// <summary>Fills in what only the recording side knows; values the caller set are kept.</summary>
    internal static RunRecord Complete(RunRecord run, ParseResult parse, TrackingSettings settings, TrackingEnvironment env)
    {
        string? input = run.InputPath is null or "-" ? run.InputPath : Path.GetFullPath(run.InputPath, env.ResolveWorkingDirectory());
        (long? size, string? sha) = run.InputSha256 is null ? RunContext.Fingerprint(input) : (run.InputSize, run.InputSha256);
        var tags = new List<KeyValuePair<string, string>>(run.Tags);
        foreach (KeyValuePair<string, string> t in settings.Tags)
        {
            tags.RemoveAll(x => x.Key == t.Key);
            tags.Add(t);
        }

        return run with
        {
            Time = run.Time == default ? env.Clock() : run.Time,
            Command = run.Command.Length > 0 ? run.Command : parse.CommandResult.Command.Name,
            CommandLine = run.CommandLine.Length > 0 ? run.CommandLine : CommandLineOf(parse),
            InputPath = input,
            InputSize = size,
            InputSha256 = sha,
            GitCommit = run.GitCommit ?? RunContext.GitCommit(env.ResolveWorkingDirectory()),
            Name = settings.RunName ?? run.Name,
            Tags = tags,
        };
    }

    /// <summary>The command line as the user typed it, re-quoted: <c>verdict report "my file.csv" --positive fraud</c>.</summary>
    internal static string CommandLineOf(ParseResult parse)
    {
        var sb = new StringBuilder("verdict");
        foreach (Token token in parse.Tokens)
        {
            sb.Append(' ').Append(Quote(token.Value));
        }

        return sb.ToString();
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+%".Contains(c, StringComparison.Ordinal))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static List<KeyValuePair<string, string>> Tags(string[]? items)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (string item in items ?? [])
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException($"--tag '{item}' is not KEY=VALUE; e.g. --tag team=risk");
            }

            string key = item[..eq].Trim();
            if (key.Length > MetricKeys.MaxLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ' '))
            {
                throw new CliException($"--tag '{item}': MLflow tag keys are at most 250 letters, digits, _ - . / and spaces");
            }

            tags.RemoveAll(t => t.Key == key);
            tags.Add(new(key, item[(eq + 1)..]));
        }

        return tags;
    }

    private static void TrySetMlflowRunId(RunStore store, long id, string mlflowRunId)
    {
        try
        {
            store.SetMlflowRunId(id, mlflowRunId);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            // The run is in both places; only the cross-reference is missing.
        }
    }
}
