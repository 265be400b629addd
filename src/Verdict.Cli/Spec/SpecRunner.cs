using System.Globalization;
using Verdict.Cli.Commands;
using Verdict.Cli.Input;
using Verdict.Curves;
using Verdict.Evaluation;
using Verdict.Gates;
using Verdict.Reports;

namespace Verdict.Cli.Spec;

/// <summary>A prediction file evaluated as a spec says: the report, what rules read from it, and the threshold.</summary>
internal sealed record SpecEvaluation(EvaluationReport Report, MetricSource Source, ThresholdChoice? Threshold);

/// <summary>
/// The one path from a spec and a prediction file to a report, shared by <c>verdict gate</c> and
/// <c>verdict report --spec</c> so they can never disagree: the spec's columns, labels, positive class, zero-division
/// policy and threshold become report settings (an objective's threshold is selected on the data's curve first),
/// <see cref="ReportCommand.Evaluate(ReportSettings, CliContext)"/> computes the report, and the spec is checked again against the data's task
/// and labels.
/// </summary>
internal static class SpecRunner
{
    /// <summary>Evaluates <paramref name="file"/> as <paramref name="loaded"/> says.</summary>
    public static SpecEvaluation Evaluate(LoadedSpec loaded, string file, InputSettings input, CliContext context)
    {
        CliContext data = Rereadable(file, context);
        ReportSettings settings = Settings(loaded, new ReportSettings { File = file, Input = input }, data, noteThreshold: false, out ThresholdChoice? threshold);
        EvaluationReport report = ReportCommand.Evaluate(settings, Fresh(data));
        var errors = new SpecErrors(loaded.DisplayName);
        SpecChecks.Check(loaded, report.Task, report.Labels, errors, onData: true, dataPositive: report.Positive);
        errors.ThrowIfAny();
        if (threshold is null && report.Task == TaskKind.Binary && report.Positive is string positive &&
            loaded.Spec.Threshold.Mode is ThresholdMode.Fixed or ThresholdMode.PerClass)
        {
            int k = report.Labels.ToList().IndexOf(positive);
            threshold = new ThresholdChoice(settings.Threshold ?? 0.5, loaded.Spec.Threshold.Mode == ThresholdMode.Fixed ? "fixed" : "per class",
                                            true, report.ClassCounts[k]);
        }

        return new SpecEvaluation(report, MetricSource.FromReport(report), threshold);
    }

    /// <summary>
    /// <c>verdict report --spec</c>: the spec's settings replace the data options. An option also given on the command
    /// line must agree with the spec (with --spec the spec decides).
    /// </summary>
    public static ReportSettings ForReport(ReportSettings cli, string specPath, bool zeroDivisionGiven, CliContext context)
    {
        LoadedSpec loaded = SpecLoader.Load(specPath);
        CliContext data = Rereadable(cli.File, context);
        ReportSettings spec = Settings(loaded, cli, data, noteThreshold: true, out _);
        Agree("--actual", cli.Actual, spec.Actual, loaded, "columns.actual");
        Agree("--predicted", cli.Predicted, spec.Predicted, loaded, "columns.predicted");
        Agree("--score", cli.Score, spec.Score, loaded, "columns.score");
        Agree("--scores", Join(cli.Scores), Join(spec.Scores), loaded, "columns.scores");
        Agree("--weight", cli.Weight, spec.Weight, loaded, "columns.weight");
        Agree("--labels", Join(cli.Labels), Join(spec.Labels), loaded, "labels");
        Agree("--positive", cli.Positive, spec.Positive, loaded, "positive");
        Agree("--task", cli.Task?.ToString().ToLowerInvariant(), spec.Task?.ToString().ToLowerInvariant(), loaded, "task");
        Agree("--threshold", cli.Threshold?.ToString("R", CultureInfo.InvariantCulture), spec.Threshold?.ToString("R", CultureInfo.InvariantCulture), loaded, "threshold");
        if (zeroDivisionGiven && cli.ZeroDivision != spec.ZeroDivision)
        {
            throw new CliException($"--zero-division {cli.ZeroDivision.ToString().ToLowerInvariant()} disagrees with {Where(loaded, "zero_division")} zero_division {spec.ZeroDivision.ToString().ToLowerInvariant()}; with --spec the spec decides, so drop the option");
        }

        return spec;
    }

    /// <summary>The baseline report a gate compares with (--baseline, else the spec's baseline.report), or null.</summary>
    public static (MetricSource? Source, string? Name) Baseline(LoadedSpec loaded, string? path, TaskKind task)
    {
        string? given = path;
        string? spec = loaded.Spec.Baseline?.Report;
        if (given is null && spec is null)
        {
            return (null, null);
        }

        string full = given ?? Path.Combine(loaded.BaseDirectory, spec!);
        string where = given is null ? $" ({Where(loaded, "baseline.report")} baseline.report)" : string.Empty;
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read the baseline report '{given ?? spec}'{where}: {e.Message}; write one with `verdict report FILE --spec SPEC --format json -o baseline.json`");
        }

        MetricSource source;
        try
        {
            source = MetricSource.FromJson(text, loaded.Spec.ZeroDivision);
        }
        catch (FormatException e)
        {
            throw new CliException($"the baseline '{given ?? spec}'{where} is not a verdict report: {e.Message}");
        }

        if (source.Task != task)
        {
            throw new CliException($"the baseline '{given ?? spec}' is a {source.Task.ToString().ToLowerInvariant()} report but the data is {task.ToString().ToLowerInvariant()}; compare like with like");
        }

        return (source, Path.GetFileName(full));
    }

    /// <summary>Report settings from the spec (on top of <paramref name="baseSettings"/>'s file, input and output options).</summary>
    private static ReportSettings Settings(LoadedSpec loaded, ReportSettings baseSettings, CliContext context, bool noteThreshold,
                                           out ThresholdChoice? threshold)
    {
        GateSpec spec = loaded.Spec;
        SpecColumns c = spec.Columns;
        CheckHeader(loaded, baseSettings, context);
        threshold = null;
        double? fixedThreshold = null;
        IReadOnlyList<double>? labelThresholds = null;
        var notes = new List<string>();
        switch (spec.Threshold.Mode)
        {
            case ThresholdMode.Fixed:
                fixedThreshold = spec.Threshold.Value;
                break;
            case ThresholdMode.PerClass when spec.Task == TaskKind.Multilabel || c.Actual.Count > 1:
                labelThresholds = LabelThresholds(loaded);
                break;
            case ThresholdMode.PerClass:
                string positive = spec.Positive ?? "1";
                if (spec.Threshold.PerClass is null || !spec.Threshold.PerClass.TryGetValue(positive, out double t))
                {
                    throw Error(loaded, "threshold", $"threshold.per_class gives no threshold for the positive class '{positive}'");
                }

                fixedThreshold = t;
                break;
            case ThresholdMode.Optimized:
                threshold = Optimize(loaded, baseSettings, context);
                fixedThreshold = threshold.Threshold;
                if (noteThreshold)
                {
                    notes.Add($"the threshold was chosen on this data by {loaded.DisplayName}: {threshold.ToText()}");
                }

                break;
        }

        List<int>? topK = spec.TopK.Count == 0 ? baseSettings.TopK?.ToList() : [.. (baseSettings.TopK ?? [2, 3, 5]).Union(spec.TopK).Order()];
        return baseSettings with
        {
            Actual = c.Actual.Count == 0 ? null : string.Join(",", c.Actual),
            Predicted = c.Predicted.Count == 0 ? null : string.Join(",", c.Predicted),
            Score = c.Score,
            Scores = c.Scores is null ? null : [.. c.Scores.Select(s => s.Label is null ? s.Column : $"{s.Label}={s.Column}")],
            Weight = c.Weight,
            Labels = spec.Labels,
            Positive = spec.Positive,
            ZeroDivision = spec.ZeroDivision,
            Task = spec.Task ?? (c.Actual.Count > 1 ? TaskKind.Multilabel : null),
            Threshold = fixedThreshold,
            LabelThresholds = labelThresholds,
            PredictFromScores = spec.Threshold.UsesScores,
            TopK = topK,
            Notes = [.. baseSettings.Notes, .. notes],
        };
    }

    private static double[] LabelThresholds(LoadedSpec loaded)
    {
        GateSpec spec = loaded.Spec;
        IReadOnlyList<string> names = spec.Labels ?? [.. Enumerable.Range(0, spec.Columns.Actual.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var errors = new SpecErrors(loaded.DisplayName);
        SpecChecks.Check(loaded, TaskKind.Multilabel, names, errors, onData: true);
        errors.ThrowIfAny();
        return [.. names.Select(n => spec.Threshold.PerClass![n])];
    }

    /// <summary>Reads the actual labels and the score, builds the curve and selects the spec's threshold on it.</summary>
    private static ThresholdChoice Optimize(LoadedSpec loaded, ReportSettings s, CliContext context)
    {
        GateSpec spec = loaded.Spec;
        if (spec.Columns.Score is not string scoreColumn)
        {
            throw Error(loaded, "threshold", "optimize needs the positive class's score: name it with columns.score");
        }

        PredictionFile file = PredictionFile.Open(s.File, s.Input.ToReadOptions(context), Fresh(context).StandardInput);
        string actual = spec.Columns.Actual.Count == 1 ? spec.Columns.Actual[0] : file.Resolve(null, "columns.actual", "actual labels", "y_true", "actual", "label");
        var specs = new List<ColumnSpec> { ColumnSpec.Label(actual), ColumnSpec.Number(scoreColumn) };
        if (spec.Columns.Weight is string w)
        {
            specs.Add(new ColumnSpec(w, ColumnKind.Weight));
        }

        Table table = file.Read(specs);
        LabelColumn labels = table.Labels(actual);
        string positive = spec.Positive ?? (labels.Values.All(v => v is "0" or "1") ? "1"
            : throw Error(loaded, "threshold", $"optimize needs the positive class the score is for; add positive: (labels: {string.Join(", ", labels.Values)})"));
        int code = Array.IndexOf(labels.Values, positive);
        if (code < 0)
        {
            throw Error(loaded, "positive", $"positive class '{positive}' does not occur in column '{actual}'{SpecErrors.Suggest(positive, labels.Values)}");
        }

        var positives = new bool[labels.Codes.Length];
        for (int i = 0; i < positives.Length; i++)
        {
            positives[i] = labels.Codes[i] == code;
        }

        double[] weights = spec.Columns.Weight is string wc ? table.Numbers(wc) : [];
        BinaryCurve curve = BinaryCurve.Compute(table.Numbers(scoreColumn), positives, weights);
        return ThresholdChoice.Choose(spec.Threshold, curve, positive);
    }

    /// <summary>Every column the spec names must be in the file's header (errors at the spec line, with the closest name).</summary>
    private static void CheckHeader(LoadedSpec loaded, ReportSettings s, CliContext context)
    {
        PredictionFile file = PredictionFile.Open(s.File, s.Input.ToReadOptions(context) with { Progress = null }, Fresh(context).StandardInput);
        SpecColumns c = loaded.Spec.Columns;
        var errors = new SpecErrors(loaded.DisplayName);
        var named = new List<(string Column, string Key)>();
        named.AddRange(c.Actual.Select(a => (a, "columns.actual")));
        named.AddRange(c.Predicted.Select(p => (p, "columns.predicted")));
        named.AddRange((c.Scores ?? []).Select(x => (x.Column, "columns.scores")));
        if (c.Score is not null)
        {
            named.Add((c.Score, "columns.score"));
        }

        if (c.Weight is not null)
        {
            named.Add((c.Weight, "columns.weight"));
        }

        foreach ((string column, string key) in named)
        {
            if (!file.Header.Contains(column))
            {
                errors.Add(loaded.At(key), $"column '{column}' ({key}) is not in {file.DisplayName}'s header ({string.Join(", ", file.Header)}){SpecErrors.Suggest(column, file.Header).Replace("; valid:", "; columns:", StringComparison.Ordinal)}");
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>For standard input, buffers it once so the file can be read more than once (header, curve, report).</summary>
    private static CliContext Rereadable(string file, CliContext context)
    {
        if (file != "-")
        {
            return context;
        }

        var buffer = new MemoryStream();
        (context.StandardInput ?? Console.OpenStandardInput()).CopyTo(buffer);
        return new CliContext(context.Out, context.Error, buffer, context.StderrIsTerminal);
    }

    /// <summary>A context whose standard input (if buffered) starts again from the beginning.</summary>
    private static CliContext Fresh(CliContext context)
    {
        if (context.StandardInput is MemoryStream m)
        {
            return new CliContext(context.Out, context.Error, new MemoryStream(m.ToArray(), writable: false), context.StderrIsTerminal);
        }

        return context;
    }

    private static void Agree(string option, string? cli, string? spec, LoadedSpec loaded, string key)
    {
        if (cli is not null && cli != spec)
        {
            string specText = spec is null ? $"names no {key}" : $"has {key} '{spec}'";
            throw new CliException($"{option} '{cli}' disagrees with the spec: {Where(loaded, key)} {specText}; with --spec the spec decides, so drop {option} (or edit the spec)");
        }
    }

    private static string? Join(IReadOnlyList<string>? items) => items is null ? null : string.Join(",", items);

    private static string Where(LoadedSpec loaded, string key)
    {
        SpecLocation at = loaded.At(key);
        return loaded.Locations.ContainsKey(key) ? $"{loaded.DisplayName}:{at.Line}:{at.Column}" : loaded.DisplayName;
    }

    private static CliException Error(LoadedSpec loaded, string key, string message)
    {
        SpecLocation at = loaded.At(key);
        return new CliException($"{loaded.DisplayName}:{at.Line}:{at.Column}: {message}");
    }
}
