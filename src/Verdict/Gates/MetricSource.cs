using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Gates;

/// <summary>A measured value, or NaN with the reason it is undefined.</summary>
/// <param name="Value">The value (NaN when undefined).</param>
/// <param name="Undefined">Why the value is undefined, or null.</param>
public readonly record struct Measurement(double Value, string? Undefined)
{
    /// <summary>Whether the value is undefined (NaN).</summary>
    public bool IsUndefined => double.IsNaN(Value);
}

/// <summary>
/// Everything a gate rule can read from one evaluation: the per-class one-vs-rest counts at the decision threshold
/// (from which every counts metric and average is scored, under the spec's zero-division policy) and the report's
/// whole-set and score metrics. Built from an <see cref="EvaluationReport"/> (the current data) or from a
/// <c>verdict/report/v1</c> JSON (a baseline), so both are read by one path.
/// </summary>
public sealed class MetricSource
{
    private readonly Dictionary<string, double> _scalars;
    private readonly Dictionary<string, Dictionary<string, double>> _groups;
    private readonly Dictionary<string, Dictionary<string, double>> _perClass;
    private readonly Dictionary<string, (double Precision, double Recall, double FScore)> _averages;
    private readonly BinaryCounts[]? _counts;

    private MetricSource(TaskKind task, IReadOnlyList<string> labels, string? positive, ZeroDivision zeroDivision, BinaryCounts[]? counts,
                         Dictionary<string, double> scalars, Dictionary<string, Dictionary<string, double>> groups,
                         Dictionary<string, Dictionary<string, double>> perClass,
                         Dictionary<string, (double, double, double)> averages, IReadOnlyList<string> notes)
    {
        Task = task;
        Labels = labels;
        Positive = positive;
        ZeroDivision = zeroDivision;
        _counts = counts;
        _scalars = scalars;
        _groups = groups;
        _perClass = perClass;
        _averages = averages;
        Notes = notes;
    }

    /// <summary>Binary, multiclass or multilabel.</summary>
    public TaskKind Task { get; }

    /// <summary>The labels (classes), in report order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The positive class of a binary evaluation, or null.</summary>
    public string? Positive { get; }

    /// <summary>The zero-division policy counts metrics are scored with.</summary>
    public ZeroDivision ZeroDivision { get; }

    /// <summary>The report's notes (undefined cells, metrics left out).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>One-vs-rest counts per label, or empty when the source has none.</summary>
    public IReadOnlyList<BinaryCounts> ClassCounts => _counts ?? [];

    /// <summary>The metrics of a report just computed.</summary>
    public static MetricSource FromReport(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (MetricValue m in report.Metrics)
        {
            scalars[m.Name] = m.Value;
        }

        var groups = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var perClass = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (MetricGroup g in report.Groups)
        {
            groups[g.Name] = g.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
            if (g.PerClass is not null)
            {
                perClass[g.Name] = g.PerClass.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
            }
        }

        var averages = new Dictionary<string, (double, double, double)>(StringComparer.Ordinal);
        foreach (ReportRow row in report.ClassificationReport.Averages)
        {
            averages[row.Name] = (row.Precision, row.Recall, row.FScore);
        }

        BinaryCounts[]? counts = report.ClassCounts.Count == report.Labels.Count ? [.. report.ClassCounts] : null;
        return new MetricSource(report.Task, report.Labels, report.Positive, report.ZeroDivision, counts, scalars, groups, perClass,
                                averages, [.. report.Notes]);
    }

    /// <summary>
    /// The metrics of a saved <c>verdict/report/v1</c> JSON report. Counts metrics are re-scored from its confusion
    /// matrix under <paramref name="zeroDivision"/> (the policy of the spec comparing with it), so a baseline and the
    /// current data are scored alike.
    /// </summary>
    /// <exception cref="FormatException">The text is not JSON, or not a verdict/report/v1 report.</exception>
    public static MetricSource FromJson(string json, ZeroDivision zeroDivision)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }

        return FromJson(root as JsonObject ?? throw new FormatException("not a JSON object"), zeroDivision);
    }

    /// <summary>The metrics of a parsed <c>verdict/report/v1</c> JSON report; see <see cref="FromJson(string, ZeroDivision)"/>.</summary>
    /// <exception cref="FormatException">Not a verdict/report/v1 report.</exception>
    public static MetricSource FromJson(JsonObject report, ZeroDivision zeroDivision)
    {
        ArgumentNullException.ThrowIfNull(report);
        string? schema = Text(report["schema"]);
        if (schema != EvaluationJson.Schema)
        {
            throw new FormatException($"its schema is {(schema is null ? "missing" : $"'{schema}'")}, not '{EvaluationJson.Schema}'; write the baseline with `verdict report --format json`");
        }

        TaskKind task = Text(report["task"]) switch
        {
            "binary" => TaskKind.Binary,
            "multiclass" => TaskKind.Multiclass,
            "multilabel" => TaskKind.Multilabel,
            var other => throw new FormatException($"its task '{other}' is not binary, multiclass or multilabel"),
        };
        string[] labels = report["labels"] is JsonArray a
            ? [.. a.Select(n => Text(n) ?? throw new FormatException("a label is null"))]
            : throw new FormatException("it has no \"labels\" array");
        string? positive = Text(report["positive"]);
        BinaryCounts[]? counts = CountsFromJson(report["confusion_matrix"], task, labels.Length);
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        var groups = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var perClass = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        if (report["metrics"] is JsonObject metrics)
        {
            foreach ((string name, JsonNode? value) in metrics)
            {
                if (value is JsonObject group)
                {
                    var values = new Dictionary<string, double>(StringComparer.Ordinal);
                    foreach ((string key, JsonNode? v) in group)
                    {
                        if (key == "per_class" && v is JsonObject pc)
                        {
                            perClass[name] = pc.ToDictionary(kv => kv.Key, kv => Number(kv.Value), StringComparer.Ordinal);
                        }
                        else
                        {
                            values[key] = Number(v);
                        }
                    }

                    groups[name] = values;
                }
                else
                {
                    scalars[name] = Number(value);
                }
            }
        }

        var averages = new Dictionary<string, (double, double, double)>(StringComparer.Ordinal);
        if (report["classification_report"] is JsonObject cr)
        {
            foreach ((string name, JsonNode? value) in cr)
            {
                if (name.EndsWith(" avg", StringComparison.Ordinal) && value is JsonObject row)
                {
                    averages[name] = (Number(row["precision"]), Number(row["recall"]), Number(row["f1-score"]));
                }
            }
        }

        string[] notes = report["undefined"] is JsonArray u ? [.. u.Select(n => Text(n) ?? string.Empty)] : [];
        return new MetricSource(task, labels, positive, zeroDivision, counts, scalars, groups, perClass, averages, notes);
    }

    /// <summary>
    /// The value <paramref name="reference"/> names, NaN with a reason when undefined (0/0 under the NaN policy, one
    /// class only, a metric the report left out, a class the data lacks). A counts metric with neither average nor
    /// class reads the positive class of binary data. <see cref="MetricReference.EachClass"/> must be expanded first.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown metric, or an unexpanded <c>[each]</c>.</exception>
    public Measurement Measure(MetricReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        MetricInfo info = MetricCatalog.Get(reference.Metric);
        if (reference.EachClass)
        {
            throw new ArgumentException($"'{reference.Key}' reads every class; expand it to one reference per class first.", nameof(reference));
        }

        if (!info.AppliesTo(Task))
        {
            return Undefined($"{info.Name} does not apply to {TaskName} data");
        }

        return info.Family switch
        {
            MetricFamily.Counts => MeasureCounts(info, reference),
            MetricFamily.Ranking => MeasureRanking(info, reference),
            MetricFamily.TopK => FromGroup("top_k_accuracy", (reference.Parameter ?? double.NaN).ToString(CultureInfo.InvariantCulture),
                                           $"top_k_accuracy with k = {reference.Parameter?.ToString(CultureInfo.InvariantCulture)} was not computed (k must be below the class count, and the data needs score columns)"),
            _ => FromScalar(info.Name),
        };
    }

    private string TaskName => Task.ToString().ToLowerInvariant();

    private Measurement MeasureCounts(MetricInfo info, MetricReference r)
    {
        if (r.Average == MetricAverage.Samples)
        {
            return SamplesAverage(info.Name);
        }

        if (_counts is null)
        {
            return Undefined("the report has no confusion matrix to score it from");
        }

        double beta = r.Parameter ?? 1.0;
        ZeroDivision zd = ZeroDivision;
        Func<BinaryCounts, double> score = info.Name switch
        {
            "precision" => c => Score.Precision(c, zd),
            "recall" => c => Score.Recall(c, zd),
            "f1" => c => Score.F1(c, zd),
            "fbeta" => c => Score.FBeta(c, beta, zd),
            "jaccard" => c => Score.Jaccard(c, zd),
            "specificity" => c => Score.Specificity(c, zd),
            _ => c => Score.NegativePredictiveValue(c, zd),
        };
        string? cls = r.Class;
        if (cls is null && r.Average is MetricAverage.None or MetricAverage.Binary)
        {
            if (Task != TaskKind.Binary)
            {
                return Undefined($"{r.Key} names neither an average nor a class, and the data is {TaskName}");
            }

            cls = Positive;
            if (cls is null)
            {
                return Undefined("the binary data has no positive class; name it with 'positive:'");
            }
        }

        if (cls is not null)
        {
            int k = IndexOf(cls);
            if (k < 0)
            {
                return Undefined($"class '{cls}' is not among the labels ({string.Join(", ", Labels)})");
            }

            double v = score(_counts[k]);
            return double.IsNaN(v) ? Undefined($"{info.Name} of '{cls}' is 0/0 ({Denominator(info.Name)} = 0) and zero_division is nan") : new(v, null);
        }

        Average average = r.Average switch
        {
            MetricAverage.Micro => Average.Micro,
            MetricAverage.Macro => Average.Macro,
            _ => Average.Weighted,
        };
        double value = Averaging.Apply(_counts, null, average, score);
        return double.IsNaN(value)
            ? Undefined($"every class's {info.Name} is 0/0 ({Denominator(info.Name)} = 0) and zero_division is nan")
            : new(value, null);
    }

    private Measurement SamplesAverage(string metric)
    {
        if (metric == "jaccard")
        {
            return FromGroup("jaccard", "samples", "jaccard samples average is not in the report");
        }

        if (!_averages.TryGetValue("samples avg", out (double Precision, double Recall, double FScore) row))
        {
            return Undefined("the samples average applies to multilabel data only");
        }

        double v = metric switch
        {
            "precision" => row.Precision,
            "recall" => row.Recall,
            "f1" => row.FScore,
            _ => double.NaN,
        };
        return double.IsNaN(v) ? Undefined($"{metric}@samples is undefined (no row has a label to score)") : new(v, null);
    }

    private Measurement MeasureRanking(MetricInfo info, MetricReference r)
    {
        if (Task == TaskKind.Binary)
        {
            return FromScalar(info.Name);
        }

        if (r.Class is string cls)
        {
            if (!_perClass.TryGetValue(info.Name, out Dictionary<string, double>? values))
            {
                return Undefined($"{info.Name} was not computed: the data needs one score column per class (columns.scores)");
            }

            return values.TryGetValue(cls, out double v)
                ? double.IsNaN(v) ? Undefined(NoteAbout(info.Name) ?? $"{info.Name} of '{cls}' is undefined (the class has no rows, or every row is the class)") : new(v, null)
                : Undefined($"class '{cls}' is not among the scored classes ({string.Join(", ", values.Keys)})");
        }

        string key = (Task, r.Average, info.Name) switch
        {
            (TaskKind.Multiclass, MetricAverage.Macro, "roc_auc") => "ovr_macro",
            (TaskKind.Multiclass, MetricAverage.Weighted, "roc_auc") => "ovr_weighted",
            _ => MetricCatalog.AverageName(r.Average),
        };
        return FromGroup(info.Name, key, $"{info.Name} was not computed: the data needs one score column per class (columns.scores)");
    }

    private Measurement FromScalar(string name)
    {
        if (!_scalars.TryGetValue(name, out double v))
        {
            return Undefined(NoteAbout(name) ?? $"{name} was not computed: the data needs a score column");
        }

        return double.IsNaN(v) ? Undefined(NoteAbout(name) ?? $"{name} is undefined on this data") : new(v, null);
    }

    private Measurement FromGroup(string group, string key, string missing)
    {
        if (!_groups.TryGetValue(group, out Dictionary<string, double>? values) || !values.TryGetValue(key, out double v))
        {
            return Undefined(NoteAbout(group) ?? missing);
        }

        return double.IsNaN(v) ? Undefined(NoteAbout(group) ?? $"{group} ({key}) is undefined on this data") : new(v, null);
    }

    private string? NoteAbout(string metric)
    {
        foreach (string note in Notes)
        {
            if (note.Contains(metric, StringComparison.Ordinal))
            {
                return note;
            }
        }

        return null;
    }

    private int IndexOf(string label)
    {
        for (int i = 0; i < Labels.Count; i++)
        {
            if (Labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Denominator(string metric) => metric switch
    {
        "precision" => "TP + FP",
        "recall" => "TP + FN",
        "specificity" => "TN + FP",
        "npv" => "TN + FN",
        _ => "TP + FP + FN",
    };

    private static Measurement Undefined(string why) => new(double.NaN, why);

    private static BinaryCounts[]? CountsFromJson(JsonNode? matrix, TaskKind task, int labels)
    {
        if (matrix is not JsonArray rows)
        {
            return null;
        }

        try
        {
            if (task == TaskKind.Multilabel)
            {
                // One [[TN, FP], [FN, TP]] per label.
                return [.. rows.Select(m => new BinaryCounts(
                    Number(m![1]![1]), Number(m[0]![1]), Number(m[1]![0]), Number(m[0]![0])))];
            }

            double[][] cells = [.. rows.Select(r => ((JsonArray)r!).Select(Number).ToArray())];
            if (cells.Length != labels || cells.Any(r => r.Length != labels))
            {
                throw new FormatException($"its confusion matrix is not {labels}×{labels}");
            }

            double total = cells.Sum(r => r.Sum());
            var counts = new BinaryCounts[labels];
            for (int k = 0; k < labels; k++)
            {
                double tp = cells[k][k], row = cells[k].Sum(), column = cells.Sum(r => r[k]);
                counts[k] = new BinaryCounts(tp, column - tp, row - tp, total - row - column + tp);
            }

            return counts;
        }
        catch (Exception e) when (e is InvalidCastException or NullReferenceException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            throw new FormatException("its confusion matrix is not an array of number rows", e);
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static double Number(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? v.GetValue<double>()
        : node is null
            ? double.NaN
            : throw new FormatException($"{node.ToJsonString()} is not a number");
}
