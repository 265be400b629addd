using System.CommandLine;
using Verdict.Cli.Input;
using Verdict.Curves;

namespace Verdict.Cli.Commands;

/// <summary>
/// The input of the curve and threshold commands: actual labels, one score column and the positive label (the class
/// the score is for; on multiclass data, that class against the rest), with optional weights. Read into one curve.
/// </summary>
internal sealed class BinaryScoreInput
{
    private readonly Option<string?> _actual = new("--actual") { Description = "Actual-label column (default: y_true, else actual, else label).", HelpName = "COL" };
    private readonly Option<string?> _score = new("--score") { Description = "Score column of the positive class (required).", HelpName = "COL" };
    private readonly Option<string?> _positive = new("--positive", "--class") { Description = "The class the score is for (default 1 for 0/1 labels); on multiclass data, that class against the rest.", HelpName = "LABEL" };
    private readonly Option<string?> _weight = new("--weight") { Description = "Sample-weight column (finite, >= 0).", HelpName = "COL" };
    private readonly Option<bool> _allowHard = new("--allow-hard-scores") { Description = "Accept a score column that holds only 0 and 1 (hard predictions)." };
    private InputOptions _input = null!;

    public static BinaryScoreInput AddTo(Command command)
    {
        var o = new BinaryScoreInput();
        command.Options.Add(o._actual);
        command.Options.Add(o._score);
        command.Options.Add(o._positive);
        command.Options.Add(o._weight);
        command.Options.Add(o._allowHard);
        o._input = InputOptions.AddTo(command);
        return o;
    }

    /// <summary>Reads the file and builds the curve; returns it with the positive label.</summary>
    public (BinaryCurve Curve, string Positive) Read(ParseResult parse, string path, CliContext context)
    {
        PredictionFile file = PredictionFile.Open(path, _input.Read(parse).ToReadOptions(context), context.StandardInput);
        string actual = file.Resolve(parse.GetValue(_actual), "--actual", "actual labels", "y_true", "actual", "label");
        string score = parse.GetValue(_score) ?? throw new CliException("--score COL is required: the column holding the positive class's score");
        file.Require(score, "--score");
        string? weight = parse.GetValue(_weight);
        var specs = new List<ColumnSpec> { ColumnSpec.Label(actual), ColumnSpec.Number(score) };
        if (weight is not null)
        {
            file.Require(weight, "--weight");
            specs.Add(new ColumnSpec(weight, ColumnKind.Weight));
        }

        Table table = file.Read(specs);
        if (!parse.GetValue(_allowHard))
        {
            ScoreChecks.RejectHardScores(file.DisplayName, table, [score]);
        }

        LabelColumn labels = table.Labels(actual);
        string? positive = parse.GetValue(_positive);
        if (positive is null)
        {
            positive = labels.Values.All(v => v is "0" or "1") ? "1"
                : throw new CliException($"{file.DisplayName}: give --positive LABEL, the class the score is for (labels: {string.Join(", ", labels.Values.Select(v => $"'{v}'"))})");
        }

        int code = Array.IndexOf(labels.Values, positive);
        if (code < 0)
        {
            throw new CliException($"{file.DisplayName}: --positive '{positive}' does not occur in column '{actual}'; its labels are {string.Join(", ", labels.Values.Select(v => $"'{v}'"))}");
        }

        var positives = new bool[labels.Codes.Length];
        for (int i = 0; i < positives.Length; i++)
        {
            positives[i] = labels.Codes[i] == code;
        }

        double[] weights = weight is null ? [] : table.Numbers(weight);
        return (BinaryCurve.Compute(table.Numbers(score), positives, weights), positive);
    }
}
