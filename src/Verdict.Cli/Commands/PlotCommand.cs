using System.CommandLine;
using Verdict.Charts;
using Verdict.Cli.Output;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Reports.Html;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict plot KIND FILE</c>: one SVG chart (ROC, PR, DET, confusion heatmap, thresholds, calibration).</summary>
internal static class PlotCommand
{
    public static readonly string[] Kinds = ["roc", "pr", "det", "confusion", "thresholds", "calibration"];

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("KIND") { Description = "roc, pr, det, confusion, thresholds or calibration." };
        var file = new Argument<string>("FILE") { Description = "Prediction file ('-' for standard input)." };
        var actual = new Option<string?>("--actual") { Description = "Actual-label column (default: y_true, else actual, else label).", HelpName = "COL" };
        var predicted = new Option<string?>("--predicted") { Description = "Predicted-label column (confusion; default: y_pred, else predicted, else prediction, else from the scores).", HelpName = "COL" };
        var score = new Option<string?>("--score") { Description = "Binary: the positive class's score column.", HelpName = "COL" };
        var scores = new Option<string?>("--scores") { Description = "Multiclass: one score column per class, in label order, or LABEL=COL pairs.", HelpName = "COL,..." };
        var positive = new Option<string?>("--positive") { Description = "Positive label (binary).", HelpName = "LABEL" };
        var labels = new Option<string?>("--labels") { Description = "Labels, in order (comma-separated).", HelpName = "A,B,..." };
        var weight = new Option<string?>("--weight") { Description = "Sample-weight column.", HelpName = "COL" };
        var normalize = new Option<bool>("--normalize") { Description = "confusion: row-normalised (each actual class sums to 1) instead of counts." };
        var title = new Option<string?>("--title") { Description = "Chart title.", HelpName = "TEXT" };
        var output = new Option<string?>("--output", "-o") { Description = "SVG file to write (default: standard output).", HelpName = "PATH" };
        var command = new Command("plot", "Draw one chart as SVG.\n\nExamples:\n  verdict plot roc samples/fraud.csv --actual label --score p_fraud --positive fraud --output roc.svg\n  verdict plot confusion samples/digits.csv --normalize --output confusion.svg")
        {
            kind, file, actual, predicted, score, scores, positive, labels, weight, normalize, title, output,
        };
        InputOptions inputOptions = InputOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            string k = parse.GetValue(kind)!.ToLowerInvariant();
            if (!Kinds.Contains(k))
            {
                throw new CliException($"unknown chart '{parse.GetValue(kind)}'; choose one of {string.Join(", ", Kinds)}");
            }

            var settings = new ReportSettings
            {
                File = parse.GetValue(file)!,
                Actual = parse.GetValue(actual),
                Predicted = parse.GetValue(predicted),
                Score = parse.GetValue(score),
                Scores = ParseHelpers.List(parse.GetValue(scores), "--scores"),
                Positive = parse.GetValue(positive),
                Labels = ParseHelpers.List(parse.GetValue(labels), "--labels"),
                Weight = parse.GetValue(weight),
                Input = inputOptions.Read(parse),
            };
            if (k != "confusion" && settings.Score is null && settings.Scores is null)
            {
                throw new CliException($"plot {k} needs scores: --score COL (binary) or --scores COL,... (multiclass)");
            }

            var sink = new ReportCommand.ChartSink();
            EvaluationReport report = ReportCommand.Evaluate(settings, context, sink);
            var options = new ChartOptions { Title = parse.GetValue(title) };
            HtmlReportCharts? charts = sink.Charts;
            string svg = k switch
            {
                "confusion" => Confusion(report, parse.GetValue(normalize), options),
                "roc" => RocChart.Render(Need(charts?.Roc, k), options),
                "pr" => PrecisionRecallChart.Render(Need(charts?.PrecisionRecall, k), options),
                "det" => DetChart.Render(Need(charts?.Det, k), options),
                "thresholds" => ThresholdChart.Render(Need(charts?.Thresholds, k), charts!.ChosenThreshold, options),
                _ => ReliabilityChart.Render(Need(charts?.Calibration, k), options),
            };
            OutputTarget.Write(parse.GetValue(output), svg, context.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Confusion(EvaluationReport report, bool normalize, ChartOptions options)
    {
        if (report.Task == TaskKind.Multilabel)
        {
            throw new CliException("plot confusion draws single-label (binary or multiclass) data; multilabel reports have one 2×2 matrix per label (see verdict report --format html)");
        }

        double[][] cells = report.Matrices[0];
        return ConfusionHeatmap.Render(report.Labels, cells, normalize ? ConfusionNormalization.True : ConfusionNormalization.None, options);
    }

    private static T Need<T>(T? value, string kind)
        where T : class =>
        value ?? throw new CliException(kind switch
        {
            "det" or "thresholds" => $"plot {kind} needs binary scores (--score with --positive)",
            "calibration" => "plot calibration needs unweighted probabilities in [0, 1]",
            _ => $"plot {kind} needs scores",
        });
}
