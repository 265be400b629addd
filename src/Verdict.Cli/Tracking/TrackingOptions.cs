using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;

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
    /// size and SHA-256, git commit, run name, tags): into the local history unless <c>--no-log</c>, then to MLflow
    /// and TensorBoard when asked. Returns 0, or 2 after a clear message on standard error when MLflow or TensorBoard
    /// failed (the local record is kept, and the message gives its id). A local history that cannot be written is a
    /// warning, not a failure: it must not break the evaluation it records.
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
        RunStore? store = null;
        if (!settings.NoLog)
        {
            store = new RunStore(env.ResolveDatabasePath());
            try
            {
                run = run with { Id = store.Add(run) };
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or CliException)
            {
                context.Error.WriteLine($"verdict: warning: the run was not recorded in the local history {store.Path}: {e.Message} (set VERDICT_HOME to a writable folder, or pass --no-log)");
                store = null;
            }
        }

        string kept = run.Id > 0
            ? $"the run is kept in the local history as run {run.Id.ToString(CultureInfo.InvariantCulture)} ('verdict runs show {run.Id.ToString(CultureInfo.InvariantCulture)}')"
            : "the run is not in the local history";
        int code = ExitCodes.Success;
        if (settings.TensorBoard is string dir)
        {
            try
            {
                TensorBoardWriter.WriteRun(dir, run, settings.Step);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"verdict: error: cannot write the TensorBoard event file in '{dir}': {e.Message}; {kept}");
                code = ExitCodes.BadInput;
            }
        }

        if (settings.Mlflow is Uri uri)
        {
            try
            {
                using var client = new MlflowClient(uri, env.Variable, env.HttpHandler, env.Delay, clock: env.Clock);
                MlflowRunResult result = client.LogRunAsync(run, settings.Experiment, settings.Step).GetAwaiter().GetResult();
                if (store is not null && run.Id > 0)
                {
                    TrySetMlflowRunId(store, run.Id, result.RunId);
                }
            }
            catch (MlflowException e)
            {
                context.Error.WriteLine($"verdict: error: {e.Message}; {kept}");
                code = ExitCodes.BadInput;
            }
        }

        return code;
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
