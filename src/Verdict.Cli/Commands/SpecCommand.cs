using System.CommandLine;
using System.Globalization;
using Verdict.Cli.Input;
using Verdict.Cli.Output;
using Verdict.Cli.Spec;
using Verdict.Evaluation;
using Verdict.Gates;
using Verdict.Reports;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict spec init</c> (a starter spec from a prediction file) and <c>verdict spec check</c> (validate a spec without data).</summary>
internal static class SpecCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("spec", "Metric specs for 'verdict gate': write a starter spec from a prediction file, or check one.\n\nExamples:\n" +
            "  verdict spec init samples/fraud.csv --margin 0.02 -o fraud.spec.yaml\n" +
            "  verdict spec check fraud.spec.yaml")
        {
            Init(context),
            Check(context),
        };
        return command;
    }

    private static Command Init(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Prediction file to derive the floors from ('-' for standard input)." };
        var margin = new Option<double>("--margin") { Description = "Slack below each current value (above, for lower-is-better metrics).", DefaultValueFactory = _ => 0.02, HelpName = "M" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the spec to this file instead of standard output.", HelpName = "PATH" };
        var force = new Option<bool>("--force") { Description = "Overwrite --output if it exists." };
        var actual = new Option<string?>("--actual") { Description = "Actual-label column (default: y_true, else actual, else label). Multilabel: comma-separated columns.", HelpName = "COL" };
        var predicted = new Option<string?>("--predicted") { Description = "Predicted-label column (default: y_pred, else predicted, else prediction).", HelpName = "COL" };
        var score = new Option<string?>("--score") { Description = "Binary: the positive class's score column (default: detected, e.g. p_<positive>, score, proba).", HelpName = "COL" };
        var scores = new Option<string?>("--scores") { Description = "Multiclass/multilabel: score columns (default for multiclass: p_<label> for every label).", HelpName = "COL,... | LABEL=COL,..." };
        var weight = new Option<string?>("--weight") { Description = "Sample-weight column.", HelpName = "COL" };
        var positive = new Option<string?>("--positive") { Description = "Positive class of a binary task (default: the class of a p_<label> score column, or 1 for 0/1 labels).", HelpName = "LABEL" };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or multilabel (default: detected).", HelpName = "binary|multiclass|multilabel" };
        var labels = new Option<string?>("--labels") { Description = "Multilabel: one name per label column.", HelpName = "A,B,..." };
        var command = new Command("init", "Write a starter spec from a prediction file: the detected task and columns, current values minus a margin as floors, per-class F1 floors, with comments.")
        {
            file, margin, output, force, actual, predicted, score, scores, weight, positive, task, labels,
        };
        InputOptions inputOptions = InputOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            double m = parse.GetValue(margin);
            if (!(m >= 0 && m <= 1))
            {
                throw new CliException($"--margin {m.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]");
            }

            string? path = parse.GetValue(output);
            if (path is not null && path != "-" && File.Exists(path) && !parse.GetValue(force))
            {
                throw new CliException($"'{path}' exists; pass --force to overwrite it");
            }

            var settings = new ReportSettings
            {
                File = parse.GetValue(file)!,
                Actual = parse.GetValue(actual),
                Predicted = parse.GetValue(predicted),
                Score = parse.GetValue(score),
                Scores = ParseHelpers.List(parse.GetValue(scores), "--scores"),
                Weight = parse.GetValue(weight),
                Positive = parse.GetValue(positive),
                Task = ParseHelpers.Task(parse.GetValue(task)),
                Labels = ParseHelpers.List(parse.GetValue(labels), "--labels"),
                Input = inputOptions.Read(parse),
            };
            string text = SpecWriter.Write(Starter(settings, m, context));
            OutputTarget.Write(path, text, context.Out);
            if (path is not null && path != "-")
            {
                context.Error.WriteLine($"wrote {path}; check it with: verdict spec check {path}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var spec = new Argument<string>("SPEC") { Description = "The spec file (YAML)." };
        var command = new Command("check", "Validate a spec without data: YAML syntax, keys, metric, average and class names, bounds within each metric's range, directions. Exit 0 valid, 2 invalid (each problem with file:line:column).")
        {
            spec,
        };
        command.SetAction(parse => context.Run(() =>
        {
            string path = parse.GetValue(spec)!;
            LoadedSpec loaded = SpecLoader.Load(path);
            GateSpec s = loaded.Spec;
            string task = s.Task?.ToString().ToLowerInvariant() ?? "task detected from the data";
            string threshold = s.Threshold.Mode switch
            {
                ThresholdMode.Fixed => "threshold " + s.Threshold.Value.ToString(CultureInfo.InvariantCulture),
                ThresholdMode.PerClass => "per-class thresholds",
                ThresholdMode.Optimized => "threshold: max " + s.Threshold.Objective + ThresholdChoice.Describe(s.Threshold.Constraint),
                _ => "predictions from the predicted column",
            };
            int drops = s.Baseline?.MaxDrop.Count ?? 0;
            context.Out.WriteLine($"{path}: ok (version {s.Version}, {task}, {s.Rules.Count} {(s.Rules.Count == 1 ? "rule" : "rules")}, {threshold}{(s.Baseline is null ? string.Empty : $", baseline with {drops} max_drop {(drops == 1 ? "entry" : "entries")}")})");
            foreach (GateRule rule in s.Rules)
            {
                string bound = new RuleResult(rule.Metric.Key, 0, rule.Min, rule.Max, RuleOutcome.Passed).BoundText;
                context.Out.WriteLine($"  {rule.Metric.Key} {bound}");
            }

            context.Out.Flush();
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Detects the task and columns, evaluates, and derives the starter rules.</summary>
    private static StarterSpec Starter(ReportSettings s, double margin, CliContext context)
    {
        PredictionFile file = PredictionFile.Open(s.File, s.Input.ToReadOptions(context) with { Progress = null }, context.StandardInput);
        if (s.File == "-")
        {
            throw new CliException("spec init reads the file twice (to find its columns, then its metrics); save standard input to a file first");
        }

        bool multilabel = s.Task == TaskKind.Multilabel;
        string[] actual = multilabel
            ? ParseHelpers.List(s.Actual, "--actual") ?? throw new CliException("--task multilabel needs --actual with one 0/1 column per label, e.g. --actual y_0,y_1,y_2")
            : [file.Resolve(s.Actual, "--actual", "actual labels", "y_true", "actual", "label")];
        string[] predicted = multilabel
            ? ParseHelpers.List(s.Predicted, "--predicted") ?? []
            : s.Predicted is not null ? [file.Resolve(s.Predicted, "--predicted", "predicted labels")] : file.TryDefault("y_pred", "predicted", "prediction") is string p ? [p] : [];
        string? score = s.Score;
        IReadOnlyList<string>? scores = s.Scores;
        string? positive = s.Positive;
        if (!multilabel && score is null && scores is null)
        {
            // Learn the labels first (one read of the actual column), then look for score columns named after them.
            Table labelsTable = file.Read([ColumnSpec.Label(actual[0])]);
            string[] values = [.. labelsTable.Labels(actual[0]).Values.Order(StringComparer.Ordinal)];
            if (values.Length <= 2)
            {
                string? byLabel = values.FirstOrDefault(v => (positive is null || v == positive) && file.Header.Contains("p_" + v));
                positive ??= byLabel ?? (values.All(v => v is "0" or "1") ? "1" : null);
                score = byLabel is not null ? "p_" + byLabel
                    : file.TryDefault("score", "y_score", "proba", "probability", "y_prob", positive is null ? "p_1" : "p_" + positive);
            }
            else if (values.All(v => file.Header.Contains("p_" + v)))
            {
                scores = [.. values.Select(v => $"{v}=p_{v}")];
            }
        }

        if (predicted.Length == 0 && score is null && scores is null)
        {
            throw new CliException($"{file.DisplayName}: found no predicted column (y_pred, predicted, prediction) and no score column; name them with --predicted or --score/--scores");
        }

        double? threshold = predicted.Length == 0 && (score is not null || multilabel) ? 0.5 : null;
        ReportSettings settings = s with
        {
            Actual = string.Join(",", actual),
            Predicted = predicted.Length == 0 ? null : string.Join(",", predicted),
            Score = score,
            Scores = scores,
            Positive = positive,
            PredictFromScores = threshold is not null,
            Threshold = threshold,
        };
        EvaluationReport report = ReportCommand.Evaluate(settings, context);
        MetricSource source = MetricSource.FromReport(report);
        return new StarterSpec
        {
            Source = file.DisplayName,
            Rows = report.Rows,
            Task = report.Task,
            Actual = actual,
            Predicted = predicted,
            Score = score,
            Scores = scores?.Select(c => c.Contains('=', StringComparison.Ordinal)
                ? new ScoreColumn(c[..c.IndexOf('=', StringComparison.Ordinal)], c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..])
                : new ScoreColumn(null, c)).ToArray(),
            Weight = s.Weight,
            Labels = multilabel ? s.Labels : null,
            Positive = report.Task == TaskKind.Binary ? report.Positive : null,
            Threshold = threshold,
            Margin = margin,
            Rules = GateStarter.Rules(source, margin),
        };
    }
}
