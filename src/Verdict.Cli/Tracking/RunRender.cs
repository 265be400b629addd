using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Reports;
using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>
/// Views of recorded runs: text tables for <c>verdict runs list|show|compare</c>, the <c>verdict/runs/v1</c> JSON
/// and a wide CSV (one row per run, one column per metric key) for <c>verdict runs export</c>.
/// </summary>
internal static class RunRender
{
    /// <summary>The schema name of exported JSON.</summary>
    public const string Schema = "verdict/runs/v1";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A run's descriptive fields as text, in a fixed order (CSV columns, <c>show</c> and <c>compare</c> rows).</summary>
    public static IReadOnlyList<(string Name, string? Value)> Fields(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return
        [
            ("id", run.Id.ToString(CultureInfo.InvariantCulture)),
            ("uid", run.Uid),
            ("time", RunStore.FormatTime(run.Time)),
            ("command", run.Command),
            ("command_line", run.CommandLine),
            ("input_path", run.InputPath),
            ("input_size", run.InputSize?.ToString(CultureInfo.InvariantCulture)),
            ("input_sha256", run.InputSha256),
            ("spec_sha256", run.SpecSha256),
            ("threshold", run.Threshold is double t ? Number(t) : null),
            ("averaging", run.Averaging),
            ("positive", run.Positive),
            ("task", run.Task),
            ("rows", run.Rows?.ToString(CultureInfo.InvariantCulture)),
            ("gate", Gate(run.Gate)),
            ("gate_failures", run.GateFailures.Count == 0 ? null : string.Join("; ", run.GateFailures)),
            ("tool_version", run.ToolVersion),
            ("git_commit", run.GitCommit),
            ("name", run.Name),
            ("tags", run.Tags.Count == 0 ? null : string.Join(";", run.Tags.Select(t => t.Key + "=" + t.Value))),
            ("mlflow_run_id", run.MlflowRunId),
        ];
    }

    /// <summary>"pass", "fail" or null.</summary>
    public static string? Gate(GateOutcome? gate) => gate switch
    {
        GateOutcome.Pass => "pass",
        GateOutcome.Fail => "fail",
        _ => null,
    };

    /// <summary>A number round-trippable and culture-free: <c>0.25</c>, <c>nan</c>, <c>inf</c>, <c>-inf</c>.</summary>
    public static string Number(double v) => double.IsNaN(v) ? "nan"
        : double.IsPositiveInfinity(v) ? "inf"
        : double.IsNegativeInfinity(v) ? "-inf"
        : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number with <paramref name="digits"/> decimals; counts (integral support, tp, ...) without.</summary>
    public static string Number(double v, int digits, bool count = false) =>
        !double.IsFinite(v) ? Number(v)
        : count && v == Math.Round(v) ? v.ToString("0", CultureInfo.InvariantCulture)
        : v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Whether a metric (or key) is a count, shown without decimals.</summary>
    public static bool IsCount(string metric) =>
        metric is "support" or "tp" or "fp" or "fn" or "tn" || metric.StartsWith("support_", StringComparison.Ordinal);

    /// <summary>
    /// The <c>runs list</c> table: id, time, command, input, rows, gate, the <paramref name="metricKeys"/> columns and
    /// the commit; <paramref name="total"/> notes how many runs matched when only the last ones are shown.
    /// </summary>
    public static string ListText(IReadOnlyList<RunRecord> runs, IReadOnlyList<string> metricKeys, int digits, long total)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(metricKeys);
        if (runs.Count == 0)
        {
            return "no runs\n";
        }

        var header = new List<string> { "ID", "TIME (UTC)", "COMMAND", "INPUT", "ROWS", "GATE" };
        header.AddRange(metricKeys);
        header.Add("COMMIT");
        var rows = new List<string[]> { header.ToArray() };
        foreach (RunRecord r in runs)
        {
            var row = new List<string>
            {
                r.Id.ToString(CultureInfo.InvariantCulture),
                r.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                r.Command,
                Shorten(r.InputPath ?? "-", 40, fromStart: true),
                r.Rows?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Gate(r.Gate) ?? "-",
            };
            foreach (string key in metricKeys)
            {
                row.Add(r.Metric(key) is double v ? Number(v, digits, IsCount(key)) : "-");
            }

            row.Add(r.GitCommit is null ? "-" : r.GitCommit[..Math.Min(7, r.GitCommit.Length)]);
            rows.Add([.. row]);
        }

        bool[] right = [.. header.Select((h, i) => i == 0 || i == 4 || (i >= 6 && i < 6 + metricKeys.Count))];
        string table = Table(rows, right);
        return total > runs.Count
            ? table + $"({runs.Count.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)} runs; --last N shows more)\n"
            : table;
    }

    /// <summary>The metric columns <c>runs list</c> shows by default: accuracy and f1_macro, or f1 for runs without f1_macro.</summary>
    public static IReadOnlyList<string> DefaultListMetrics(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var keys = new List<string>();
        if (runs.Any(r => r.Metric("accuracy") is not null))
        {
            keys.Add("accuracy");
        }

        if (runs.Any(r => r.Metric("f1_macro") is not null))
        {
            keys.Add("f1_macro");
        }

        if (runs.Any(r => r.Metric("f1") is not null && r.Metric("f1_macro") is null))
        {
            keys.Add("f1");
        }

        return keys;
    }

    /// <summary>The <c>runs show</c> text: the fields, the whole-set metrics, a class × metric table and the spec.</summary>
    public static string ShowText(RunRecord run, int digits)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"run {run.Id}\n\n");
        var fields = new List<string[]>();
        foreach ((string name, string? value) in Fields(run))
        {
            if (value is not null && name is not "id")
            {
                fields.Add([name, value]);
            }
        }

        sb.Append(Table(fields, [false, false]));
        if (run.Metrics.Count > 0)
        {
            sb.Append("\nmetrics\n");
            sb.Append(Table([.. run.Metrics.Select(m => new[] { "  " + m.Key, Number(m.Value, digits, IsCount(m.Key)) })], [false, true]));
        }

        if (run.PerClass.Count > 0)
        {
            string[] metrics = [.. run.PerClass.Select(c => c.Metric).Distinct()];
            string[] classes = [.. run.PerClass.Select(c => c.Class).Distinct()];
            var rows = new List<string[]> { metrics.Prepend("  class").ToArray() };
            foreach (string cls in classes)
            {
                var row = new List<string> { "  " + cls };
                foreach (string metric in metrics)
                {
                    ClassMetric? m = run.PerClass.FirstOrDefault(c => c.Class == cls && c.Metric == metric);
                    row.Add(m is null ? "-" : Number(m.Value, digits, IsCount(metric)));
                }

                rows.Add([.. row]);
            }

            sb.Append("\nper class\n");
            sb.Append(Table(rows, [false, .. metrics.Select(_ => true)]));
        }

        if (run.Spec is not null)
        {
            sb.Append("\nspec\n");
            foreach (string line in run.Spec.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
            {
                sb.Append("  ").Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The <c>runs compare</c> text: fields side by side, then metrics with B − A; <c>*</c> marks what differs.
    /// With <paramref name="changedOnly"/>, only rows that differ.
    /// </summary>
    public static string CompareText(RunComparison comparison, int digits, bool changedOnly)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        string a = "run " + comparison.A.Id.ToString(CultureInfo.InvariantCulture);
        string b = "run " + comparison.B.Id.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(a).Append(" vs ").Append(b).Append("\n\n");
        var fields = new List<string[]> { new[] { "field", a, b, string.Empty } };
        foreach (FieldDifference f in comparison.Fields)
        {
            if ((f.A is not null || f.B is not null) && (!changedOnly || f.Differs))
            {
                fields.Add([f.Name, Shorten(f.A ?? "-", 64, fromStart: false), Shorten(f.B ?? "-", 64, fromStart: false), f.Differs ? "*" : string.Empty]);
            }
        }

        sb.Append(Table(fields, [false, false, false, false]));
        var metrics = new List<string[]> { new[] { "metric", a, b, "diff", string.Empty } };
        int changed = 0;
        foreach (MetricDifference m in comparison.Metrics)
        {
            changed += m.Differs ? 1 : 0;
            if (!changedOnly || m.Differs)
            {
                bool count = IsCount(m.Key);
                string delta = m.Delta is double d ? (d > 0 ? "+" : d == 0 ? " " : string.Empty) + Number(d, digits, count)
                    : m.A is null ? "(only in " + b + ")"
                    : m.B is null ? "(only in " + a + ")"
                    : string.Empty;
                metrics.Add([m.Key, m.A is double va ? Number(va, digits, count) : "-", m.B is double vb ? Number(vb, digits, count) : "-", delta, m.Differs ? "*" : string.Empty]);
            }
        }

        sb.Append('\n');
        sb.Append(Table(metrics, [false, true, true, true, false]));
        sb.Append(CultureInfo.InvariantCulture, $"\n{changed} of {comparison.Metrics.Count} metrics differ\n");
        return sb.ToString();
    }

    /// <summary>One run as JSON (NaN and infinite metrics as null; an infinite threshold as "Infinity").</summary>
    public static JsonObject RunJson(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var metrics = new JsonObject();
        foreach (RunMetric m in run.Metrics)
        {
            metrics[m.Key] = Json.Number(m.Value);
        }

        var perClass = new JsonObject();
        foreach (ClassMetric c in run.PerClass)
        {
            if (perClass[c.Class] is not JsonObject cls)
            {
                cls = [];
                perClass[c.Class] = cls;
            }

            cls[c.Metric] = Json.Number(c.Value);
        }

        var tags = new JsonObject();
        foreach (KeyValuePair<string, string> t in run.Tags)
        {
            tags[t.Key] = t.Value;
        }

        return new JsonObject
        {
            ["id"] = run.Id,
            ["uid"] = run.Uid,
            ["time"] = RunStore.FormatTime(run.Time),
            ["command"] = run.Command,
            ["command_line"] = run.CommandLine,
            ["input"] = new JsonObject { ["path"] = run.InputPath, ["size"] = run.InputSize, ["sha256"] = run.InputSha256 },
            ["spec"] = run.Spec is null && run.SpecSha256 is null ? null : new JsonObject { ["sha256"] = run.SpecSha256, ["content"] = run.Spec },
            ["threshold"] = run.Threshold is double threshold ? (double.IsFinite(threshold) ? JsonValue.Create(threshold) : JsonValue.Create(threshold > 0 ? "Infinity" : "-Infinity")) : null,
            ["averaging"] = run.Averaging,
            ["positive"] = run.Positive,
            ["task"] = run.Task,
            ["rows"] = run.Rows,
            ["gate"] = Gate(run.Gate),
            ["gate_failures"] = new JsonArray([.. run.GateFailures.Select(f => (JsonNode)JsonValue.Create(f))]),
            ["tool_version"] = run.ToolVersion,
            ["git_commit"] = run.GitCommit,
            ["name"] = run.Name,
            ["tags"] = tags,
            ["mlflow_run_id"] = run.MlflowRunId,
            ["metrics"] = metrics,
            ["per_class"] = perClass,
        };
    }

    /// <summary><c>{"schema": "verdict/runs/v1", "runs": [...]}</c>, indented.</summary>
    public static string ExportJson(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var o = new JsonObject
        {
            ["schema"] = Schema,
            ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)RunJson(r))]),
        };
        return o.ToJsonString(Indented);
    }

    /// <summary>One run as indented JSON.</summary>
    public static string ShowJson(RunRecord run) => RunJson(run).ToJsonString(Indented);

    /// <summary>A comparison as JSON: both runs' ids, the fields and the metrics with their differences.</summary>
    public static string CompareJson(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var o = new JsonObject
        {
            ["a"] = comparison.A.Id,
            ["b"] = comparison.B.Id,
            ["fields"] = new JsonArray([.. comparison.Fields.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["a"] = f.A,
                ["b"] = f.B,
                ["differs"] = f.Differs,
            })]),
            ["metrics"] = new JsonArray([.. comparison.Metrics.Select(m => (JsonNode)new JsonObject
            {
                ["key"] = m.Key,
                ["a"] = m.A is double a ? Json.Number(a) : null,
                ["b"] = m.B is double b ? Json.Number(b) : null,
                ["diff"] = m.Delta is double d ? Json.Number(d) : null,
                ["differs"] = m.Differs,
            })]),
        };
        return o.ToJsonString(Indented);
    }

    /// <summary>
    /// One row per run: the descriptive fields (without the spec's text), then one column per metric key in order
    /// of first appearance. Numbers round-trip; NaN is <c>nan</c>, a key a run lacks is empty.
    /// </summary>
    public static string Csv(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (RunRecord r in runs)
        {
            foreach (RunMetric m in r.AllMetrics())
            {
                if (seen.Add(m.Key))
                {
                    keys.Add(m.Key);
                }
            }
        }

        var sb = new StringBuilder();
        IEnumerable<string> fieldNames = Fields(new RunRecord()).Select(f => f.Name);
        sb.AppendJoin(',', fieldNames.Concat(keys).Select(CsvCell)).Append('\n');
        foreach (RunRecord r in runs)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (RunMetric m in r.AllMetrics())
            {
                values.TryAdd(m.Key, m.Value);
            }

            IEnumerable<string> cells = Fields(r).Select(f => f.Value ?? string.Empty)
                .Concat(keys.Select(k => values.TryGetValue(k, out double v) ? Number(v) : string.Empty));
            sb.AppendJoin(',', cells.Select(CsvCell)).Append('\n');
        }

        return sb.ToString();
    }

    private static string CsvCell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Shorten(string text, int max, bool fromStart) =>
        text.Length <= max ? text : fromStart ? "…" + text[^(max - 1)..] : text[..(max - 1)] + "…";

    /// <summary>Columns padded to their widest cell, two spaces apart, right-aligned where <paramref name="right"/> says.</summary>
    private static string Table(IReadOnlyList<string[]> rows, bool[] right)
    {
        int columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var sb = new StringBuilder();
        foreach (string[] row in rows)
        {
            var line = new StringBuilder();
            for (int i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }

                bool r = i < right.Length && right[i];
                line.Append(r ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }
}
