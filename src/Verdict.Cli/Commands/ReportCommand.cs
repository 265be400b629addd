using System.CommandLine;
using System.Globalization;
using Verdict.Cli.Input;
using Verdict.Cli.Output;
using Verdict.Cli.Tracking;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Reports.Html;
using Verdict.Scores;
using Verdict.Streaming;

namespace Verdict.Cli.Commands;

/// <summary>Settings of <c>verdict report</c>.</summary>
internal sealed record ReportSettings
{
    public required string File { get; init; }

    public string? Actual { get; init; }

    public string? Predicted { get; init; }

    public string? Weight { get; init; }

    public string? Score { get; init; }

    public IReadOnlyList<string>? Scores { get; init; }

    public double? Threshold { get; init; }

    /// <summary>Multilabel: one threshold per label column (overrides <see cref="Threshold"/>).</summary>
    public IReadOnlyList<double>? LabelThresholds { get; init; }

    /// <summary>Predictions come from the scores even when the file has a default predicted column (a spec's threshold).</summary>
    public bool PredictFromScores { get; init; }

    /// <summary>Notes to add to the report (e.g. how a spec chose the threshold).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<int>? TopK { get; init; }

    public bool Normalize { get; init; }

    public bool AllowHardScores { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? Positive { get; init; }

    public string? SaveState { get; init; }

    public string? ShardId { get; init; }

    public ZeroDivision ZeroDivision { get; init; }

    public int Digits { get; init; } = 4;

    public TaskKind? Task { get; init; }

    public string Format { get; init; } = "text";

    public string? Output { get; init; }

    public InputSettings Input { get; init; } = new();
}

/// <summary><c>verdict report</c>: scikit-learn's classification report and the whole-set metrics of a prediction file.</summary>
internal static class ReportCommand
{
    public static readonly string[] Formats = ["text", "json", "markdown", "csv", "html"];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Prediction file (CSV/TSV/JSONL, optionally .gz; '-' for standard input)." };
        var actual = new Option<string?>("--actual") { Description = "Actual-label column (default: y_true, else actual, else label). Multilabel: comma-separated columns.", HelpName = "COL" };
        var predicted = new Option<string?>("--predicted") { Description = "Predicted-label column (default: y_pred, else predicted, else prediction). Multilabel: comma-separated columns.", HelpName = "COL" };
        var weight = new Option<string?>("--weight") { Description = "Sample-weight column (finite, >= 0).", HelpName = "COL" };
        var labels = new Option<string?>("--labels") { Description = "Labels to report, in order (comma-separated); may include labels absent from the data or select a subset.", HelpName = "A,B,..." };
        var positive = new Option<string?>("--positive") { Description = "Positive label of a binary task (adds its precision, recall and F1 to the metrics; default 1 for 0/1 labels).", HelpName = "LABEL" };
        var zeroDivision = new Option<string?>("--zero-division") { Description = "Value of undefined scores (0/0): zero (default), one or nan. Undefined cells are always listed.", HelpName = "zero|one|nan" };
        var digits = new Option<int>("--digits") { Description = "Decimals in text and Markdown output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or multilabel (default: detected from the labels).", HelpName = "binary|multiclass|multilabel" };
        var format = new Option<string?>("--format") { Description = "text (default), json, markdown, csv, or html (one self-contained page with charts).", HelpName = "text|json|markdown|csv|html" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (only when the command succeeds) instead of standard output.", HelpName = "PATH" };
        var score = new Option<string?>("--score") { Description = "Binary: the positive class's score (probability) column; adds roc_auc, average_precision, log_loss, brier_score.", HelpName = "COL" };
        var scores = new Option<string?>("--scores") { Description = "Multiclass/multilabel: one score column per label, in label order, or LABEL=COL pairs.", HelpName = "COL,... | LABEL=COL,..." };
        var threshold = new Option<double?>("--threshold") { Description = "When there is no predicted column: predict positive where score >= T (default 0.5); multiclass predicts the highest score.", HelpName = "T" };
        var topK = new Option<string?>("--top-k") { Description = "Multiclass: k values for top_k_accuracy (default 2,3,5 below the class count).", HelpName = "K,..." };
        var normalize = new Option<bool>("--normalize") { Description = "Multiclass: divide each probability row by its sum instead of rejecting rows that do not sum to 1." };
        var allowHard = new Option<bool>("--allow-hard-scores") { Description = "Accept score columns that hold only 0 and 1 (hard predictions); AUC from them is usually misleading." };
        var saveState = new Option<string?>("--save-state") { Description = "Also write this shard's mergeable state (JSON) for verdict merge.", HelpName = "PATH" };
        var shardId = new Option<string?>("--shard-id") { Description = "Name this shard in its state, so merging it twice is caught.", HelpName = "ID" };
        var spec = new Option<string?>("--spec") { Description = "A metric spec (YAML, see docs/gate.md): its columns, labels, positive class, zero-division policy and threshold drive the report, as in 'verdict gate'.", HelpName = "SPEC" };
        var command = new Command("report", "Classification report, confusion matrix and metrics of a prediction file.\n\nExamples:\n  verdict report samples/fraud.csv --actual label --predicted predicted --positive fraud\n  verdict report samples/digits.csv --format json --output report.json\n  verdict report samples/multilabel.csv --task multilabel --actual y_0,y_1 --predicted p_0,p_1")
        {
            file, actual, predicted, weight, labels, positive, zeroDivision, digits, task, format, output, score, scores, threshold, topK, normalize, allowHard, saveState, shardId, spec,
        };
        InputOptions inputOptions = InputOptions.AddTo(command);
        TrackingOptions tracking = TrackingOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            tracking.Read(parse, context.Tracking);
            var settings = new ReportSettings
            {
                File = parse.GetValue(file)!,
                Actual = parse.GetValue(actual),
                Predicted = parse.GetValue(predicted),
                Weight = parse.GetValue(weight),
                Score = parse.GetValue(score),
                Scores = ParseHelpers.List(parse.GetValue(scores), "--scores"),
                Threshold = parse.GetValue(threshold),
                TopK = ParseHelpers.List(parse.GetValue(topK), "--top-k")?.Select(k => ParseHelpers.PositiveInt(k, "--top-k")).ToArray(),
                Normalize = parse.GetValue(normalize),
                AllowHardScores = parse.GetValue(allowHard),
                SaveState = parse.GetValue(saveState),
                ShardId = parse.GetValue(shardId),
                Labels = ParseHelpers.List(parse.GetValue(labels), "--labels"),
                Positive = parse.GetValue(positive),
                ZeroDivision = ParseHelpers.ZeroDivision(parse.GetValue(zeroDivision)),
                Digits = Digits(parse.GetValue(digits)),
                Task = ParseHelpers.Task(parse.GetValue(task)),
                Format = ParseHelpers.Format(parse.GetValue(format), Formats),
                Output = parse.GetValue(output),
                Input = inputOptions.Read(parse),
            };
            if (parse.GetValue(spec) is string specPath)
            {
                settings = Spec.SpecRunner.ForReport(settings, specPath, parse.GetValue(zeroDivision) is not null, context);
            }

            EvaluationReport report = Execute(settings, context);
            RunRecord run = RunRecord.FromReport(report, "report", settings.File == "-" ? null : settings.File, settings.Threshold);
            return TrackingOptions.Combine(ExitCodes.Success, tracking.Record(parse, run, context));
        }));
        return command;
    }

    /// <summary>Evaluates and writes the report; returns it (for the run history).</summary>
    public static EvaluationReport Execute(ReportSettings settings, CliContext context)
    {
        var charts = settings.Format == "html" ? new ChartSink() : null;
        EvaluationReport report = Evaluate(settings, context, charts);
        string text = settings.Format switch
        {
            "html" => HtmlReport.Render(report, charts!.Charts, new HtmlReportOptions { Title = $"Verdict report: {Path.GetFileName(settings.File)}", Digits = settings.Digits }),
            "json" => EvaluationJson.ToText(report) + "\n",
            "markdown" => EvaluationMarkdown.Render(report, settings.Digits),
            "csv" => EvaluationCsv.Render(report),
            _ => EvaluationText.Render(report, settings.Digits),
        };
        OutputTarget.Write(settings.Output, text, context.Out);
        return report;
    }

    public static EvaluationReport Evaluate(ReportSettings s, CliContext context) => Evaluate(s, context, null);

    /// <summary>Evaluates the file; when <paramref name="charts"/> is given, it also receives the chart data of the scores.</summary>
    internal static EvaluationReport Evaluate(ReportSettings s, CliContext context, ChartSink? charts)
    {
        PredictionFile file = PredictionFile.Open(s.File, s.Input.ToReadOptions(context), context.StandardInput);
        return s.Task == TaskKind.Multilabel ? EvaluateMultilabel(s, file, charts) : EvaluateSingleLabel(s, file, charts);
    }

    private static EvaluationReport EvaluateSingleLabel(ReportSettings s, PredictionFile file, ChartSink? charts)
    {
        if (s.Score is not null && s.Scores is not null)
        {
            throw new CliException("give either --score (binary: the positive class's score) or --scores (one column per class), not both");
        }

        bool hasScores = s.Score is not null || s.Scores is not null;
        string actual = file.Resolve(s.Actual, "--actual", "actual labels", "y_true", "actual", "label");
        string? predicted = s.Predicted is null && hasScores
            ? (s.PredictFromScores ? null : file.TryDefault("y_pred", "predicted", "prediction"))
            : file.Resolve(s.Predicted, "--predicted", "predicted labels", "y_pred", "predicted", "prediction");
        if (actual == predicted)
        {
            throw new CliException($"--actual and --predicted both name column '{actual}'; the predictions must be in another column");
        }

        var specs = new List<ColumnSpec> { ColumnSpec.Label(actual) };
        if (predicted is not null)
        {
            specs.Add(ColumnSpec.Label(predicted));
        }

        if (s.Weight is not null)
        {
            file.Require(s.Weight, "--weight");
            specs.Add(new ColumnSpec(s.Weight, ColumnKind.Weight));
        }

        if (s.Score is not null)
        {
            file.Require(s.Score, "--score");
            specs.Add(ColumnSpec.Number(s.Score));
        }

        IReadOnlyList<(string? Label, string Column)> scoreColumns = ScoreColumns(s.Scores);
        foreach ((_, string column) in scoreColumns)
        {
            file.Require(column, "--scores");
            specs.Add(ColumnSpec.Number(column));
        }

        // One pass over the label pairs into the mergeable state; the report is made from the state, so a report
        // and a merge of shard states are the same computation.
        var counts = new LabelCountsAccumulator(s.Weight is not null);
        Table table;
        LabelColumn? a = null;
        double[] weights = [];
        // A binary score with a named positive label streams too: only the score accumulator keeps one score and one
        // target per row (charts are drawn from it).
        ReportState? streamed = s.Score is not null && s.Positive is not null
            ? ReportState.SingleLabel(s.Labels, s.Positive, counts.IsWeighted, ScoreKind.Binary)
            : null;
        if (!hasScores || streamed is not null)
        {
            // Count block by block as the file is read, in memory that does not grow with the file.
            string? weight = s.Weight;
            BinaryScoreStream? scores = streamed is null ? null
                : new BinaryScoreStream(s.Score!, s.Positive!, actual, weight, streamed.Scores!, counts, predicted is null ? s.Threshold ?? 0.5 : null);
            table = file.Stream(specs, block =>
            {
                if (predicted is not null)
                {
                    counts.Add(block.Codes(actual), block.Values(actual), block.Codes(predicted), block.Values(predicted),
                               weight is null ? default : block.Numbers(weight));
                }

                scores?.Add(block);
            });
            if (scores is not null && scores.AllHard && !s.AllowHardScores)
            {
                throw new CliException(ScoreChecks.HardScoresMessage(file.DisplayName, [s.Score!]));
            }

            if (scores is not null && !scores.FinishPredictions())
            {
                throw new CliException(NoOtherLabelMessage(file, scores.ActualLabels));
            }
        }
        else
        {
            table = file.Read(specs);
            if (!s.AllowHardScores)
            {
                ScoreChecks.RejectHardScores(file.DisplayName, table, s.Score is not null ? [s.Score] : [.. scoreColumns.Select(c => c.Column)]);
            }

            a = table.Labels(actual);
            weights = s.Weight is null ? [] : table.Numbers(s.Weight);
            LabelColumn p = predicted is not null
                ? table.Labels(predicted)
                : s.Score is not null
                    ? BinaryPredictions(s, file, a, table.Numbers(s.Score))
                    : ArgmaxPredictions(s, file, a, scoreColumns, table);
            counts.Add(a.Codes, a.Values, p.Codes, p.Values, weights);
        }

        LabelEvaluation evaluation = counts.ToEvaluation(s.Labels);
        IReadOnlyList<string> present = evaluation.PresentNames();
        var notes = new List<string>();
        if (predicted is null)
        {
            notes.Add(s.Score is not null
                ? $"predictions are score >= {ParseHelpers.Number(s.Threshold ?? 0.5)} ({(s.PredictFromScores ? "the spec's threshold" : "no predicted column")})"
                : "predictions are the class of highest score (no predicted column)");
        }

        if (s.Labels is not null)
        {
            string[] absent = s.Labels.Where(l => !present.Contains(l)).ToArray();
            if (absent.Length == s.Labels.Count)
            {
                throw new CliException($"{file.DisplayName}: none of the labels in --labels ({string.Join(", ", s.Labels)}) occurs in the actual or predicted labels, which are {Listing(present)}; check the spelling");
            }

            notes.AddRange(absent.Select(l => $"label '{l}' from --labels does not occur in the data; its support is 0"));
        }

        if (s.Task == TaskKind.Binary && present.Count > 2)
        {
            throw new CliException($"{file.DisplayName}: --task binary, but the data has {present.Count} labels ({Listing(present)}); use --task multiclass or select two labels with --labels");
        }

        string? positive = PositiveLabel(s, file, evaluation.Task, present);
        ReportState state;
        if (s.Score is not null)
        {
            if (positive is null)
            {
                throw new CliException($"{file.DisplayName}: --score needs the positive label it scores; give --positive (labels: {Listing(present)})");
            }

            if (streamed is not null)
            {
                state = streamed;
                if (charts is not null)
                {
                    ScoreAccumulator kept = state.Scores!;
                    charts.Charts = HtmlReportCharts.ForBinary(kept.Scores, Ones(kept.Targets), positive, kept.Weights);
                }
            }
            else
            {
                bool[] positives = Positives(a!, positive);
                state = ReportState.SingleLabel(s.Labels, positive, counts.IsWeighted, ScoreKind.Binary);
                state.Scores!.Add(table.Numbers(s.Score), [.. positives.Select(x => x ? 1 : 0)], weights);
                if (charts is not null)
                {
                    charts.Charts = HtmlReportCharts.ForBinary(table.Numbers(s.Score), positives, positive, weights);
                }
            }
        }
        else if (s.Scores is not null)
        {
            (int[] labels, double[] probabilities, string[] names) = ClassProbabilities(s, file, evaluation, a!, scoreColumns, table);
            state = ReportState.SingleLabel(s.Labels, positive, counts.IsWeighted, ScoreKind.Multiclass, names);
            state.Scores!.Add(probabilities, labels, weights);
            if (charts is not null)
            {
                charts.Charts = HtmlReportCharts.ForMulticlass(labels, probabilities, names, weights);
            }
        }
        else
        {
            state = ReportState.SingleLabel(s.Labels, positive, counts.IsWeighted);
        }

        state.Counts!.Merge(counts);
        return Finish(s, state, notes, table);
    }

    private static string? PositiveLabel(ReportSettings s, PredictionFile file, TaskKind task, IReadOnlyList<string> present)
    {
        string? positive = s.Positive;
        if (positive is not null && !present.Contains(positive))
        {
            throw new CliException($"{file.DisplayName}: --positive '{positive}' does not occur in the labels; they are {Listing(present)}");
        }

        if (positive is not null && task != TaskKind.Binary)
        {
            throw new CliException($"{file.DisplayName}: --positive applies to binary data, but there are {present.Count} labels ({Listing(present)})");
        }

        if (positive is null && task == TaskKind.Binary && present.Contains("1") && present.All(l => l is "0" or "1"))
        {
            positive = "1";
        }

        return positive;
    }

    private static bool[] Positives(LabelColumn actual, string positive)
    {
        int code = Array.IndexOf(actual.Values, positive);
        var result = new bool[actual.Codes.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = actual.Codes[i] == code;
        }

        return result;
    }

    /// <summary>Binary predictions from a score column: positive where score &gt;= threshold.</summary>
    private static LabelColumn BinaryPredictions(ReportSettings s, PredictionFile file, LabelColumn actual, double[] scores)
    {
        string? positive = s.Positive ?? (actual.Values.Contains("1") ? "1" : null);
        string[] others = actual.Values.Where(v => v != positive).Distinct().ToArray();
        if (positive is null || others.Length != 1)
        {
            throw new CliException(NoOtherLabelMessage(file, actual.Values));
        }

        double t = s.Threshold ?? 0.5;
        var codes = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            codes[i] = scores[i] >= t ? 1 : 0;
        }

        return new LabelColumn("predicted", codes, [others[0], positive]);
    }

    private static string NoOtherLabelMessage(PredictionFile file, IReadOnlyList<string> actualLabels) =>
        $"{file.DisplayName}: there is no predicted column, so predictions come from --score >= threshold, which needs the positive label (--positive) and exactly one other label in the actual column (found {Listing(actualLabels)}); or give --predicted";

    /// <summary>Multiclass predictions: the label of the highest score (the first on ties, as numpy's argmax).</summary>
    private static LabelColumn ArgmaxPredictions(ReportSettings s, PredictionFile file, LabelColumn actual,
                                                 IReadOnlyList<(string? Label, string Column)> columns, Table table)
    {
        string[] names = ScoreLabels(s, file, actual, columns);
        double[][] cols = columns.Select(c => table.Numbers(c.Column)).ToArray();
        var codes = new int[actual.Codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            int best = 0;
            for (int j = 1; j < cols.Length; j++)
            {
                if (cols[j][i] > cols[best][i])
                {
                    best = j;
                }
            }

            codes[i] = best;
        }

        return new LabelColumn("predicted", codes, names);
    }

    /// <summary>
    /// The label each --scores column belongs to: explicit LABEL=COL pairs, or positional in label order (the
    /// --labels order, else the sorted actual labels).
    /// </summary>
    private static string[] ScoreLabels(ReportSettings s, PredictionFile file, LabelColumn actual, IReadOnlyList<(string? Label, string Column)> columns)
    {
        if (columns.All(c => c.Label is not null))
        {
            return [.. columns.Select(c => c.Label!)];
        }

        if (columns.Any(c => c.Label is not null))
        {
            throw new CliException("--scores mixes LABEL=COL pairs and bare columns; use one form");
        }

        IReadOnlyList<string> order = s.Labels ?? Labels.LabelMap.Sorted(actual.Values).Names;
        if (order.Count != columns.Count)
        {
            throw new CliException($"{file.DisplayName}: --scores names {columns.Count} columns but there are {order.Count} labels ({Listing(order)}); give one score column per label in that order, or LABEL=COL pairs");
        }

        return [.. order];
    }

    private static (int[] Labels, double[] Probabilities, string[] Names) ClassProbabilities(ReportSettings s, PredictionFile file,
        LabelEvaluation evaluation, LabelColumn actual, IReadOnlyList<(string? Label, string Column)> columns, Table table)
    {
        string[] names = ScoreLabels(s, file, actual, columns);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < names.Length; j++)
        {
            if (!index.TryAdd(names[j], j))
            {
                throw new CliException($"--scores gives label '{names[j]}' twice");
            }
        }

        foreach (string present in evaluation.PresentNames())
        {
            if (!index.ContainsKey(present) && actual.Values.Contains(present))
            {
                throw new CliException($"{file.DisplayName}: label '{present}' occurs in the actual labels but has no --scores column; score columns must cover every class (they cover {Listing(names)})");
            }
        }

        int n = actual.Codes.Length, k = names.Length;
        var codeToClass = actual.Values.Select(v => index.TryGetValue(v, out int c) ? c : -1).ToArray();
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = codeToClass[actual.Codes[i]];
        }

        double[][] cols = columns.Select(c => table.Numbers(c.Column)).ToArray();
        var probabilities = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                double v = cols[j][i];
                if (v < 0 || v > 1)
                {
                    throw new CliException($"{file.DisplayName} row {i + 1}, column {columns[j].Column}: {ParseHelpers.Number(v)} is not a probability; multiclass scores must lie in [0, 1]");
                }

                probabilities[(i * k) + j] = v;
                sum += v;
            }

            if (Math.Abs(sum - 1) > 1e-6)
            {
                if (!s.Normalize)
                {
                    throw new CliException($"{file.DisplayName} row {i + 1}: the --scores columns sum to {ParseHelpers.Number(sum)}, off from 1 by {ParseHelpers.Number(sum - 1)}; pass --normalize to divide each row by its sum");
                }

                if (sum <= 0)
                {
                    throw new CliException($"{file.DisplayName} row {i + 1}: the --scores columns sum to 0 and cannot be normalised");
                }

                for (int j = 0; j < k; j++)
                {
                    probabilities[(i * k) + j] /= sum;
                }
            }
        }

        return (labels, probabilities, names);
    }

    private static IReadOnlyList<(string? Label, string Column)> ScoreColumns(IReadOnlyList<string>? items) =>
        items is null
            ? []
            : [.. items.Select(item =>
            {
                int eq = item.IndexOf('=', StringComparison.Ordinal);
                return eq > 0 ? ((string?)item[..eq], item[(eq + 1)..]) : ((string?)null, item);
            })];

    private static EvaluationReport EvaluateMultilabel(ReportSettings s, PredictionFile file, ChartSink? charts)
    {
        string[] actual = ParseHelpers.List(s.Actual, "--actual")
            ?? throw new CliException("--task multilabel needs --actual with one 0/1 column per label, e.g. --actual y_0,y_1,y_2");
        string[]? scoreCols = s.Scores?.Select(c => c.Contains('=', StringComparison.Ordinal) ? c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..] : c).ToArray();
        string[]? predicted = ParseHelpers.List(s.Predicted, "--predicted");
        if (predicted is null && scoreCols is null)
        {
            throw new CliException("--task multilabel needs --predicted (one 0/1 column per label, in --actual's order) or --scores with --threshold");
        }

        foreach ((string[]? cols, string option) in new[] { (predicted, "--predicted"), (scoreCols, "--scores") })
        {
            if (cols is not null && cols.Length != actual.Length)
            {
                throw new CliException($"--actual names {actual.Length} columns but {option} names {cols.Length}; give one per label, in the same order");
            }
        }

        if (s.Labels is not null && s.Labels.Count != actual.Length)
        {
            throw new CliException($"--labels names {s.Labels.Count} labels but there are {actual.Length} label columns; give one name per column");
        }

        var specs = new List<ColumnSpec>();
        foreach (string c in actual.Concat(predicted ?? []).Distinct())
        {
            file.Require(c, actual.Contains(c) ? "--actual" : "--predicted");
            specs.Add(new ColumnSpec(c, ColumnKind.Indicator));
        }

        foreach (string c in scoreCols ?? [])
        {
            file.Require(c, "--scores");
            specs.Add(ColumnSpec.Number(c));
        }

        if (s.Weight is not null)
        {
            file.Require(s.Weight, "--weight");
            specs.Add(new ColumnSpec(s.Weight, ColumnKind.Weight));
        }

        int k = actual.Length;
        double[]? thresholds = predicted is null ? s.LabelThresholds?.ToArray() ?? Enumerable.Repeat(s.Threshold ?? 0.5, k).ToArray() : null;
        IReadOnlyList<string> names = s.Labels ?? Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        ReportState state = ReportState.Multilabel(names, s.Weight is not null, withScores: scoreCols is not null);
        // Count (and keep the scores of) each block as the file is read; no column is kept whole.
        var blocks = new MultilabelStream(actual, predicted ?? scoreCols!, thresholds, scoreCols, s.Weight, state);
        Table table = file.Stream(specs, blocks.Add);
        if (!s.AllowHardScores && scoreCols is not null && blocks.AllHard)
        {
            throw new CliException(ScoreChecks.HardScoresMessage(file.DisplayName, scoreCols));
        }

        if (charts is not null && scoreCols is not null)
        {
            ScoreAccumulator kept = state.Scores!;
            charts.Charts = HtmlReportCharts.ForMultilabel(Ones(kept.Targets), kept.Scores, names, kept.Weights);
        }

        var notes = new List<string>();
        if (scoreCols is not null)
        {
            if (predicted is null)
            {
                notes.Add(s.LabelThresholds is null
                    ? $"predictions are score >= {ParseHelpers.Number(s.Threshold ?? 0.5)} per label (no predicted columns)"
                    : $"predictions are score >= the label's threshold ({string.Join(", ", s.LabelThresholds.Select(ParseHelpers.Number))}) per label (no predicted columns)");
            }
        }

        return Finish(s, state, notes, table);
    }

    /// <summary>Adds the notes to the state, saves it when asked (--save-state), and makes the report from it.</summary>
    private static EvaluationReport Finish(ReportSettings s, ReportState state, List<string> notes, Table table)
    {
        foreach (string note in notes.Concat(s.Notes))
        {
            state.AddNote(note);
        }

        if (table.SkippedRows > 0)
        {
            string first = table.SkipReasons.Count > 0 ? $"; first: {table.SkipReasons[0]}" : string.Empty;
            state.AddNote($"{table.SkippedRows} bad rows were skipped (--on-bad-row skip){first}");
        }

        if (s.SaveState is not null)
        {
            if (s.ShardId is not null)
            {
                state.AddShardId(s.ShardId);
            }

            OutputTarget.Write(s.SaveState, ReportStateJson.ToText(state) + "\n", TextWriter.Null);
        }

        return state.ToReport(s.ZeroDivision, s.TopK);
    }

    /// <summary>Receives the chart data an evaluation of scores produces (for the HTML report).</summary>
    internal sealed class ChartSink
    {
        public HtmlReportCharts? Charts { get; set; }
    }

    /// <summary>Which targets are 1.</summary>
    private static bool[] Ones(ReadOnlySpan<int> targets)
    {
        var ones = new bool[targets.Length];
        for (int i = 0; i < ones.Length; i++)
        {
            ones[i] = targets[i] == 1;
        }

        return ones;
    }

    /// <summary>The first <paramref name="length"/> elements of <paramref name="buffer"/>, grown (doubling) when too short; reused from block to block.</summary>
    private static Span<T> Scratch<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }

    private static string Listing(IEnumerable<string> labels) => string.Join(", ", labels.Select(l => $"'{l}'"));

    private static int Digits(int digits) => digits is >= 0 and <= 17
        ? digits
        : throw new CliException($"--digits {digits} is out of range; use 0 to 17");

    /// <summary>
    /// Feeds streamed blocks of multilabel rows to a report state: row-major 0/1 cells of the actual columns and of
    /// the predicted columns (or of the score columns at their thresholds), and, with score columns, the scores.
    /// The scratch buffers are reused from block to block.
    /// </summary>
    private sealed class MultilabelStream(string[] actual, string[] predicted, double[]? thresholds, string[]? scores,
                                          string? weight, ReportState state)
    {
        private byte[] _actual = [];
        private byte[] _predicted = [];
        private double[] _scores = [];
        private int[] _targets = [];

        /// <summary>Whether every score so far was 0 or 1 (hard predictions, not scores).</summary>
        public bool AllHard { get; private set; } = true;

        public void Add(RowBlock block)
        {
            int k = actual.Length, rows = block.Rows;
            Span<byte> yTrue = Scratch(ref _actual, rows * k);
            Span<byte> yPred = Scratch(ref _predicted, rows * k);
            Fill(block, actual, null, yTrue);
            Fill(block, predicted, thresholds, yPred);
            ReadOnlySpan<double> weights = weight is null ? default : block.Numbers(weight);
            state.MultilabelCounts!.Add(yTrue, yPred, weights);
            if (scores is null)
            {
                return;
            }

            Span<double> cells = Scratch(ref _scores, rows * k);
            Span<int> targets = Scratch(ref _targets, rows * k);
            for (int j = 0; j < k; j++)
            {
                ReadOnlySpan<double> column = block.Numbers(scores[j]);
                AllHard = AllHard && ScoreChecks.AllHard(column);
                for (int r = 0; r < rows; r++)
                {
                    cells[(r * k) + j] = column[r];
                }
            }

            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = yTrue[i];
            }

            state.Scores!.Add(cells, targets, weights);
        }

        private static void Fill(RowBlock block, string[] columns, double[]? thresholds, Span<byte> cells)
        {
            int k = columns.Length;
            for (int j = 0; j < k; j++)
            {
                ReadOnlySpan<double> column = block.Numbers(columns[j]);
                for (int r = 0; r < column.Length; r++)
                {
                    cells[(r * k) + j] = thresholds is not null ? (byte)(column[r] >= thresholds[j] ? 1 : 0) : (byte)column[r];
                }
            }
        }
    }

    /// <summary>
    /// Feeds streamed blocks of a binary score column to a score accumulator (target 1 where the actual label is the
    /// positive one) and, without a predicted column, counts the predictions score &gt;= threshold as the positive label
    /// and the others as the one other actual label. Rows read before that other label has appeared are held back
    /// (only a prefix of positive rows can be) and counted once it is known.
    /// </summary>
    private sealed class BinaryScoreStream(string score, string positive, string actual, string? weight,
                                           ScoreAccumulator into, LabelCountsAccumulator counts, double? threshold)
    {
        private readonly GrowableArray<int> _pendingActual = new(16);
        private readonly GrowableArray<int> _pendingPredicted = new(16);
        private readonly GrowableArray<double> _pendingWeights = new(16);
        private int[] _targets = [];
        private int[] _predicted = [];
        private string[]? _predictedValues;

        /// <summary>Whether every score so far was 0 or 1 (hard predictions, not scores).</summary>
        public bool AllHard { get; private set; } = true;

        /// <summary>The actual labels seen (in the last block).</summary>
        public IReadOnlyList<string> ActualLabels { get; private set; } = [];

        public void Add(RowBlock block)
        {
            IReadOnlyList<string> values = ActualLabels = block.Values(actual);
            int positiveCode = IndexOf(values, positive);
            Span<int> targets = Scratch(ref _targets, block.Rows);
            ReadOnlySpan<int> codes = block.Codes(actual);
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = codes[i] == positiveCode ? 1 : 0;
            }

            ReadOnlySpan<double> scores = block.Numbers(score);
            ReadOnlySpan<double> weights = weight is null ? default : block.Numbers(weight);
            AllHard = AllHard && ScoreChecks.AllHard(scores);
            into.Add(scores, targets, weights);
            if (threshold is not double t)
            {
                return;
            }

            Span<int> predicted = Scratch(ref _predicted, block.Rows);
            for (int i = 0; i < predicted.Length; i++)
            {
                predicted[i] = scores[i] >= t ? 1 : 0;
            }

            if (_predictedValues is null && values.Count > (positiveCode >= 0 ? 1 : 0))
            {
                _predictedValues = [values[positiveCode == 0 ? 1 : 0], positive];
                FlushPending(values);
            }

            if (_predictedValues is null)
            {
                codes.CopyTo(_pendingActual.AddSpan(codes.Length));
                predicted.CopyTo(_pendingPredicted.AddSpan(predicted.Length));
                weights.CopyTo(_pendingWeights.AddSpan(weights.Length));
                return;
            }

            counts.Add(codes, values, predicted, _predictedValues, weights);
        }

        /// <summary>Counts any held-back rows; false when the actual column does not hold exactly one label besides the positive one.</summary>
        public bool FinishPredictions()
        {
            if (threshold is null)
            {
                return true;
            }

            int others = ActualLabels.Count(v => v != positive);
            return others == 1 && _predictedValues is not null && _pendingActual.Count == 0;
        }

        private void FlushPending(IReadOnlyList<string> values)
        {
            if (_pendingActual.Count > 0)
            {
                counts.Add(_pendingActual.Span, values, _pendingPredicted.Span, _predictedValues!, _pendingWeights.Span);
                _pendingActual.Clear();
                _pendingPredicted.Clear();
                _pendingWeights.Clear();
            }
        }

        private static int IndexOf(IReadOnlyList<string> values, string label)
        {
            for (int c = 0; c < values.Count; c++)
            {
                if (values[c] == label)
                {
                    return c;
                }
            }

            return -1;
        }
    }
}
