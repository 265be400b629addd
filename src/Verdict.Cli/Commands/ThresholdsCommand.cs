using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Verdict.Cli.Output;
using Verdict.Cli.Tracking;
using Verdict.Curves;
using Verdict.Reports;
using Verdict.Thresholds;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict thresholds</c>: counts and metrics at chosen thresholds, and threshold selection by objective.</summary>
internal static class ThresholdsCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Prediction file ('-' for standard input)." };
        var grid = new Option<string?>("--grid") { Description = "Thresholds to evaluate (comma-separated), or 'all' for every distinct score.", HelpName = "T,T,... | all" };
        var optimize = new Option<string?>("--optimize") { Description = "Choose a threshold: f1, fbeta:B, youden, cost:FP,FN, recall or precision.", HelpName = "OBJECTIVE" };
        var minPrecision = new Option<double?>("--min-precision") { Description = "Constraint for --optimize: precision >= P.", HelpName = "P" };
        var minRecall = new Option<double?>("--min-recall") { Description = "Constraint for --optimize: recall >= R.", HelpName = "R" };
        var format = new Option<string?>("--format") { Description = "text (default), json or csv.", HelpName = "text|json|csv" };
        var digits = new Option<int>("--digits") { Description = "Decimals in text output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (only when the command succeeds).", HelpName = "PATH" };
        var command = new Command("thresholds", "Confusion counts, precision, recall, F1... at each threshold (score >= t is positive), and the threshold an objective selects (ties: the highest threshold).\n\nExamples:\n  verdict thresholds samples/fraud.csv --actual label --score p_fraud --positive fraud --grid 0.3,0.4,0.5,0.6,0.7\n  verdict thresholds samples/fraud.csv --actual label --score p_fraud --positive fraud --optimize recall --min-precision 0.8")
        {
            file, grid, optimize, minPrecision, minRecall, format, digits, output,
        };
        BinaryScoreInput input = BinaryScoreInput.AddTo(command);
        TrackingOptions tracking = TrackingOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            tracking.Read(parse, context.Tracking);
            string fmt = ParseHelpers.Format(parse.GetValue(format), "text", "json", "csv");
            string? gridText = parse.GetValue(grid);
            ThresholdObjective? objective = Objective(parse.GetValue(optimize));
            ThresholdConstraint? constraint = null;
            double? mp = parse.GetValue(minPrecision), mr = parse.GetValue(minRecall);
            if (mp is not null || mr is not null)
            {
                if (objective is null)
                {
                    throw new CliException("--min-precision and --min-recall constrain --optimize; give an objective such as --optimize recall");
                }

                foreach ((double? v, string name) in new[] { (mp, "--min-precision"), (mr, "--min-recall") })
                {
                    if (v is double x && !(x >= 0 && x <= 1))
                    {
                        throw new CliException($"{name} {x.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]");
                    }
                }

                constraint = new ThresholdConstraint(mp, mr);
            }

            if (gridText is null && objective is null)
            {
                throw new CliException("give --grid T,T,... (or --grid all) and/or --optimize OBJECTIVE");
            }

            double[]? thresholds = gridText is null ? [] : gridText == "all" ? null
                : ParseHelpers.List(gridText, "--grid")!.Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    ? v
                    : throw new CliException($"--grid: '{t}' is not a number")).ToArray();
            (BinaryCurve curve, string positive) = input.Read(parse, parse.GetValue(file)!, context);
            ThresholdTable table = ThresholdTable.Create(curve, positive, thresholds, objective, constraint);
            string text = fmt switch
            {
                "json" => table.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
                "csv" => table.ToCsv(),
                _ => table.ToText(parse.GetValue(digits)),
            };
            OutputTarget.Write(parse.GetValue(output), text, context.Out);
            string path = parse.GetValue(file)!;
            RunRecord run = RunRecord.FromThresholds(table, path == "-" ? null : path);
            return TrackingOptions.Combine(ExitCodes.Success, tracking.Record(parse, run, context));
        }));
        return command;
    }

    /// <summary>Parses f1, fbeta:B, youden, cost:FP,FN, recall, precision.</summary>
    public static ThresholdObjective? Objective(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string t = text.Trim().ToLowerInvariant();
        if (t == "f1")
        {
            return new ThresholdObjective(ObjectiveKind.FBeta);
        }

        if (t.StartsWith("fbeta:", StringComparison.Ordinal) &&
            double.TryParse(t.AsSpan(6), NumberStyles.Float, CultureInfo.InvariantCulture, out double beta) && beta >= 0 && double.IsFinite(beta))
        {
            return new ThresholdObjective(ObjectiveKind.FBeta, beta);
        }

        if (t.StartsWith("cost:", StringComparison.Ordinal))
        {
            string[] parts = t[5..].Split(',');
            if (parts.Length == 2 &&
                double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double fp) && fp >= 0 && double.IsFinite(fp) &&
                double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double fn) && fn >= 0 && double.IsFinite(fn))
            {
                return new ThresholdObjective(ObjectiveKind.Cost, FalsePositiveCost: fp, FalseNegativeCost: fn);
            }
        }

        return t switch
        {
            "youden" => new ThresholdObjective(ObjectiveKind.YoudenJ),
            "recall" => new ThresholdObjective(ObjectiveKind.Recall),
            "precision" => new ThresholdObjective(ObjectiveKind.Precision),
            _ => throw new CliException($"--optimize '{text}' is not one of f1, fbeta:B (e.g. fbeta:2), youden, cost:FP,FN (e.g. cost:1,10), recall, precision"),
        };
    }
}
