using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Verdict.Reports;
using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>Whether a gate passed.</summary>
internal enum GateOutcome
{
    /// <summary>Every rule held.</summary>
    Pass,

    /// <summary>At least one rule failed.</summary>
    Fail,
}

/// <summary>
/// One recorded evaluation: when and how it ran (command line, tool version, git commit), what it read (input path,
/// size, SHA-256; gate spec and its SHA-256), how it scored (threshold, averaging, positive label) and everything it
/// found (scalar and per-class metrics, the gate verdict). Immutable; change a copy with <c>with</c>.
/// </summary>
internal sealed record RunRecord
{
    /// <summary>The local run id; 0 until the run is stored.</summary>
    public long Id { get; init; }

    /// <summary>A globally unique id (32 hex digits), so exports from several machines can be merged.</summary>
    public string Uid { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>When the run was made (UTC, millisecond precision once stored).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The command: report, thresholds or gate.</summary>
    public string Command { get; init; } = string.Empty;

    /// <summary>The command line as typed, e.g. <c>verdict report fraud.csv --positive fraud</c>.</summary>
    public string CommandLine { get; init; } = string.Empty;

    /// <summary>The prediction file ("-" for standard input), or null.</summary>
    public string? InputPath { get; init; }

    /// <summary>The prediction file's size in bytes, or null (standard input, or not computed).</summary>
    public long? InputSize { get; init; }

    /// <summary>The prediction file's SHA-256 (64 lowercase hex digits), or null.</summary>
    public string? InputSha256 { get; init; }

    /// <summary>The gate spec's text, or null.</summary>
    public string? Spec { get; init; }

    /// <summary>The SHA-256 of the spec's UTF-8 bytes, or null.</summary>
    public string? SpecSha256 { get; init; }

    /// <summary>The decision threshold (score &gt;= t is positive), or null when predictions were given.</summary>
    public double? Threshold { get; init; }

    /// <summary>The averaging the run reports or gates on (binary, micro, macro, weighted, samples), or null.</summary>
    public string? Averaging { get; init; }

    /// <summary>The positive label of a binary run, or null.</summary>
    public string? Positive { get; init; }

    /// <summary>binary, multiclass or multilabel, or null.</summary>
    public string? Task { get; init; }

    /// <summary>Rows evaluated, or null.</summary>
    public long? Rows { get; init; }

    /// <summary>Whole-set metrics, in report order.</summary>
    public IReadOnlyList<RunMetric> Metrics { get; init; } = [];

    /// <summary>Per-class metrics, class by class in label order.</summary>
    public IReadOnlyList<ClassMetric> PerClass { get; init; } = [];

    /// <summary>The gate verdict, or null when no gate ran.</summary>
    public GateOutcome? Gate { get; init; }

    /// <summary>The gate rules that failed, one line each (empty when it passed or none ran).</summary>
    public IReadOnlyList<string> GateFailures { get; init; } = [];

    /// <summary>The verdict tool's version.</summary>
    public string ToolVersion { get; init; } = CurrentToolVersion;

    /// <summary>The git commit (HEAD) of the work tree the command ran in, or null outside a repository.</summary>
    public string? GitCommit { get; init; }

    /// <summary>A run name (<c>--run-name</c>), or null.</summary>
    public string? Name { get; init; }

    /// <summary>User tags (<c>--tag k=v</c>), in order, keys unique.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>The MLflow run id this run was also logged as, or null.</summary>
    public string? MlflowRunId { get; init; }

    /// <summary>This assembly's informational version, e.g. <c>0.1.0+6b84252…</c>.</summary>
    public static string CurrentToolVersion { get; } =
        typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunRecord).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Every metric under its key: the whole-set metrics, then the per-class ones.</summary>
    public IEnumerable<RunMetric> AllMetrics() => Metrics.Concat<RunMetric>(PerClass);

    /// <summary>The value of a metric key (whole-set or per-class), or null when the run has no such key.</summary>
    public double? Metric(string key)
    {
        foreach (RunMetric m in Metrics)
        {
            if (m.Key == key)
            {
                return m.Value;
            }
        }

        foreach (ClassMetric c in PerClass)
        {
            if (c.Key == key)
            {
                return c.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// A run of <paramref name="report"/>, its metrics flattened to tracking keys by the library's
    /// <see cref="RunMetrics.FromReport"/>: <c>accuracy</c>, <c>f1_macro</c>, <c>jaccard_macro</c>, ... and per class
    /// <c>precision_{class}</c>, <c>recall_{class}</c>, <c>f1_{class}</c>, <c>support_{class}</c>, ...
    /// </summary>
    /// <remarks>
    /// The input file's size and hash, the command line, the git commit and the time are filled in when the run is
    /// recorded (<see cref="TrackingOptions.Record"/>), so nothing is hashed when nothing is logged. The spec's
    /// SHA-256 is computed here from <paramref name="spec"/>.
    /// </remarks>
    public static RunRecord FromReport(EvaluationReport report, string command, string? inputPath = null,
                                       double? threshold = null, string? averaging = null, string? spec = null,
                                       GateOutcome? gate = null, IReadOnlyList<string>? gateFailures = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        RunMetrics metrics = RunMetrics.FromReport(report);
        return new RunRecord
        {
            Command = command,
            InputPath = inputPath,
            Threshold = threshold,
            Averaging = averaging,
            Positive = report.Positive,
            Task = report.Task.ToString().ToLowerInvariant(),
            Rows = report.Rows,
            Spec = spec,
            SpecSha256 = spec is null ? null : Sha256Hex(Encoding.UTF8.GetBytes(spec)),
            Metrics = metrics.Overall,
            PerClass = metrics.PerClass,
            Gate = gate,
            GateFailures = gateFailures ?? [],
        };
    }

    /// <summary>
    /// A run of <c>verdict thresholds</c>, its metrics from the library's <see cref="RunMetrics.FromThresholds"/>: with
    /// a selected operating point (or a single grid threshold) the run's <see cref="Threshold"/> is that threshold and
    /// its metrics are unsuffixed (<c>f1</c>, <c>tp</c>, <c>objective_value</c>, ...); grid rows (up to
    /// <paramref name="maxGridRows"/>) add <c>{metric}_at_{t}</c>, e.g. <c>f1_at_0.5</c>.
    /// </summary>
    public static RunRecord FromThresholds(ThresholdTable table, string? inputPath = null, int maxGridRows = 100)
    {
        ArgumentNullException.ThrowIfNull(table);
        RunMetrics metrics = RunMetrics.FromThresholds(table, maxGridRows);
        return new RunRecord
        {
            Command = "thresholds",
            InputPath = inputPath,
            Threshold = metrics.Threshold,
            Averaging = "binary",
            Positive = table.Positive,
            Task = "binary",
            Metrics = metrics.Overall,
        };
    }

    /// <summary>A copy with <see cref="Spec"/> and its <see cref="SpecSha256"/>.</summary>
    public RunRecord WithSpec(string? spec) =>
        this with { Spec = spec, SpecSha256 = spec is null ? null : Sha256Hex(Encoding.UTF8.GetBytes(spec)) };

    /// <summary>Lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
