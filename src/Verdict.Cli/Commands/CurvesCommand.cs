using System.CommandLine;
using System.Text.Json;
using Verdict.Cli.Output;
using Verdict.Curves;
using Verdict.Reports;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict curves</c>: ROC, precision-recall and DET curves of one score column, in scikit-learn's order.</summary>
internal static class CurvesCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Prediction file ('-' for standard input)." };
        var format = new Option<string?>("--format") { Description = "json (default) or csv.", HelpName = "json|csv" };
        var drop = new Option<string?>("--drop-intermediate") { Description = "true (default, as scikit-learn's roc_curve) drops ROC points that do not change its shape; false keeps every threshold.", HelpName = "true|false" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (only when the command succeeds).", HelpName = "PATH" };
        var command = new Command("curves", "ROC, precision-recall and DET curves (arrays as scikit-learn returns them; +∞ thresholds as \"Infinity\").\n\nExample:\n  verdict curves samples/fraud.csv --actual label --score p_fraud --positive fraud --format csv")
        {
            file, format, drop, output,
        };
        BinaryScoreInput input = BinaryScoreInput.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            string fmt = ParseHelpers.Format(parse.GetValue(format), "json", "csv");
            bool dropIntermediate = parse.GetValue(drop)?.ToLowerInvariant() switch
            {
                null or "true" => true,
                "false" => false,
                var other => throw new CliException($"--drop-intermediate '{other}' is not true or false"),
            };
            (BinaryCurve curve, string positive) = input.Read(parse, parse.GetValue(file)!, context);
            string text = fmt == "csv"
                ? CurveRender.Csv(curve, dropIntermediate)
                : CurveRender.Json(curve, positive, dropIntermediate).ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n";
            OutputTarget.Write(parse.GetValue(output), text, context.Out);
            return ExitCodes.Success;
        }));
        return command;
    }
}
