namespace Verdict.Cli.Tracking;

/// <summary>
/// What run tracking reads from the world: environment variables, the clock, the working folder, the local database
/// path and the HTTP stack. The process defaults serve the tool; tests replace any of them without touching the
/// process environment.
/// </summary>
internal sealed class TrackingEnvironment
{
    /// <summary>The real process: its environment variables, clock and working folder.</summary>
    public static TrackingEnvironment Process { get; } = new();

    /// <summary>Reads an environment variable (VERDICT_HOME, MLFLOW_TRACKING_TOKEN, ...); null when unset.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The current time.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The folder the git commit is looked up from (default: the current directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The run database; null: <see cref="RunStore.DefaultPath"/> ($VERDICT_HOME/runs.db or the user's data folder).</summary>
    public string? DatabasePath { get; init; }

    /// <summary>The HTTP handler MLflow requests go through; null: a new <see cref="HttpClientHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>How MLflow retries wait (tests pass one that returns at once).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>The run database this environment uses.</summary>
    public string ResolveDatabasePath() => DatabasePath ?? RunStore.DefaultPath(Variable);

    /// <summary>The folder git is looked up from.</summary>
    public string ResolveWorkingDirectory() => WorkingDirectory ?? Environment.CurrentDirectory;
}
