using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Verdict.Counts;
using Verdict.Reports;
using Verdict.Thresholds;

namespace Verdict.Cli.Tracking;

/// <summary>Whether a gate passed.</summary>
internal enum GateOutcome
{
    /// <summary>Every rule held.</summary>
    Pass,

    /// <summary>At least one rule failed.</summary>
    Fail,
}

/// <summary>One scalar metric of a run under its tracking key (e.g. <c>f1_macro</c>); NaN when undefined.</summary>
/// <param name="Key">The flattened key, valid as an MLflow metric name.</param>
/// <param name="Value">The value (NaN when undefined).</param>
internal sealed record RunMetric(string Key, double Value);

/// <summary>One per-class metric of a run: <c>precision</c> of class <c>fraud</c> is key <c>precision_fraud</c>.</summary>
/// <param name="Metric">The metric name: precision, recall, f1, support, roc_auc, average_precision.</param>
/// <param name="Class">The class (label) name as in the data.</param>
/// <param name="Key">The flattened key, <c>{metric}_{sanitised class}</c>, unique within the run.</param>
/// <param name="Value">The value (NaN when undefined).</param>
internal sealed record ClassMetric(string Metric, string Class, string Key, double Value);

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
    public IEnumerable<RunMetric> AllMetrics() => Metrics.Concat(PerClass.Select(c => new RunMetric(c.Key, c.Value)));

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
    /// A run of <paramref name="report"/>, its metrics flattened to tracking keys (see <see cref="MetricKeys"/>):
    /// the report's scalars as named (<c>accuracy</c>, <c>roc_auc</c>, ...), the classification report's averages as
    /// <c>precision_macro</c>, <c>recall_weighted</c>, <c>f1_micro</c>, ..., grouped metrics as
    /// <c>{group}_{key}</c> (<c>jaccard_macro</c>, <c>roc_auc_ovr_macro</c>, <c>top_k_accuracy_2</c>), and per class
    /// <c>precision_{class}</c>, <c>recall_{class}</c>, <c>f1_{class}</c>, <c>support_{class}</c> and the groups'
    /// per-class values (<c>roc_auc_{class}</c>, <c>average_precision_{class}</c>).
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
        var keys = new MetricKeys();
        var metrics = new List<RunMetric>();
        foreach (MetricValue m in report.Metrics)
        {
            metrics.Add(new RunMetric(keys.Claim(m.Name), m.Value));
        }

        foreach (ReportRow row in report.ClassificationReport.Averages)
        {
            string suffix = AverageSuffix(row.Name);
            metrics.Add(new RunMetric(keys.Claim("precision_" + suffix), row.Precision));
            metrics.Add(new RunMetric(keys.Claim("recall_" + suffix), row.Recall));
            metrics.Add(new RunMetric(keys.Claim("f1_" + suffix), row.FScore));
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.Values)
            {
                metrics.Add(new RunMetric(keys.Claim(g.Name + "_" + v.Name), v.Value));
            }
        }

        var perClass = new List<ClassMetric>();
        foreach (ReportRow row in report.ClassificationReport.Classes)
        {
            perClass.Add(keys.PerClass("precision", row.Name, row.Precision));
            perClass.Add(keys.PerClass("recall", row.Name, row.Recall));
            perClass.Add(keys.PerClass("f1", row.Name, row.FScore));
            perClass.Add(keys.PerClass("support", row.Name, row.Support));
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.PerClass ?? [])
            {
                perClass.Add(keys.PerClass(g.Name, v.Name, v.Value));
            }
        }

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
            Metrics = metrics,
            PerClass = OrderByClass(perClass, report.Labels),
            Gate = gate,
            GateFailures = gateFailures ?? [],
        };
    }

    /// <summary>
    /// A run of <c>verdict thresholds</c>. With a selected operating point (or a single grid threshold) the run's
    /// <see cref="Threshold"/> is that threshold and its metrics are unsuffixed: <c>precision</c>, <c>recall</c>,
    /// <c>f1</c>, <c>specificity</c>, <c>fpr</c>, <c>accuracy</c>, <c>tp</c>, <c>fp</c>, <c>fn</c>, <c>tn</c>, plus
    /// <c>objective_value</c> for a selection. Grid rows (up to <paramref name="maxGridRows"/>; larger grids such as
    /// <c>--grid all</c> are left out) add <c>{metric}_at_{t}</c>, e.g. <c>f1_at_0.5</c>.
    /// </summary>
    public static RunRecord FromThresholds(ThresholdTable table, string? inputPath = null, int maxGridRows = 100)
    {
        ArgumentNullException.ThrowIfNull(table);
        var keys = new MetricKeys();
        var metrics = new List<RunMetric>();
        double? threshold = null;
        if (table.Best is OperatingPoint best)
        {
            threshold = best.Threshold;
            AddCountMetrics(metrics, keys, best.Counts, string.Empty);
            metrics.Add(new RunMetric(keys.Claim("objective_value"), best.Value));
        }
        else if (table.Rows.Count == 1)
        {
            threshold = table.Rows[0].Threshold;
            AddCountMetrics(metrics, keys, table.Rows[0].Counts, string.Empty);
        }

        if (table.Rows.Count <= maxGridRows && !(table.Best is null && table.Rows.Count == 1))
        {
            foreach ((double t, BinaryCounts c) in table.Rows)
            {
                AddCountMetrics(metrics, keys, c, "_at_" + t.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return new RunRecord
        {
            Command = "thresholds",
            InputPath = inputPath,
            Threshold = threshold,
            Averaging = "binary",
            Positive = table.Positive,
            Task = "binary",
            Metrics = metrics,
        };
    }

    /// <summary>A copy with <see cref="Spec"/> and its <see cref="SpecSha256"/>.</summary>
    public RunRecord WithSpec(string? spec) =>
        this with { Spec = spec, SpecSha256 = spec is null ? null : Sha256Hex(Encoding.UTF8.GetBytes(spec)) };

    /// <summary>Lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void AddCountMetrics(List<RunMetric> metrics, MetricKeys keys, BinaryCounts c, string suffix)
    {
        foreach ((string name, double value) in ThresholdTable.Metrics(c))
        {
            metrics.Add(new RunMetric(keys.Claim(name + suffix), value));
        }

        if (suffix.Length == 0)
        {
            metrics.Add(new RunMetric(keys.Claim("tp"), c.TruePositives));
            metrics.Add(new RunMetric(keys.Claim("fp"), c.FalsePositives));
            metrics.Add(new RunMetric(keys.Claim("fn"), c.FalseNegatives));
            metrics.Add(new RunMetric(keys.Claim("tn"), c.TrueNegatives));
        }
    }

    private static string AverageSuffix(string rowName) => rowName switch
    {
        "accuracy" or "micro avg" => "micro",
        "macro avg" => "macro",
        "weighted avg" => "weighted",
        "samples avg" => "samples",
        _ => MetricKeys.Sanitize(rowName.Replace(" avg", string.Empty, StringComparison.Ordinal)),
    };

    /// <summary>Per-class metrics grouped class by class, in label order, metrics in the order first seen.</summary>
    private static ClassMetric[] OrderByClass(List<ClassMetric> perClass, IReadOnlyList<string> labels)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            rank.TryAdd(labels[i], i);
        }

        return [.. perClass
            .Select((m, i) => (m, i))
            .OrderBy(x => rank.TryGetValue(x.m.Class, out int r) ? r : int.MaxValue)
            .ThenBy(x => x.i)
            .Select(x => x.m)];
    }
}
