using System.CommandLine;
using Verdict.Cli.Output;
using Verdict.Reports;
using Verdict.Streaming;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict merge STATE...</c>: the report of several shards' saved states, equal to one pass over all their rows.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var states = new Argument<string[]>("STATE") { Description = "State files written by verdict report --save-state (one per shard).", Arity = ArgumentArity.OneOrMore };
        var zeroDivision = new Option<string?>("--zero-division") { Description = "Value of undefined scores: zero (default), one or nan.", HelpName = "zero|one|nan" };
        var digits = new Option<int>("--digits") { Description = "Decimals in text and Markdown output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var topK = new Option<string?>("--top-k") { Description = "Multiclass: k values for top_k_accuracy.", HelpName = "K,..." };
        var format = new Option<string?>("--format") { Description = "text (default), json, markdown or csv.", HelpName = "text|json|markdown|csv" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (only when the command succeeds).", HelpName = "PATH" };
        var saveState = new Option<string?>("--save-state") { Description = "Also write the merged state (to merge further).", HelpName = "PATH" };
        var command = new Command("merge", "Merge shard states into one report, identical to a report over all the shards' rows.\n\nExample:\n  verdict report part-1.csv --save-state s1.json --shard-id 1 && verdict report part-2.csv --save-state s2.json --shard-id 2\n  verdict merge s1.json s2.json --format json")
        {
            states, zeroDivision, digits, topK, format, output, saveState,
        };
        command.SetAction(parse => context.Run(() =>
        {
            string fmt = ParseHelpers.Format(parse.GetValue(format), "text", "json", "markdown", "csv");
            ReportState? merged = null;
            foreach (string path in parse.GetValue(states)!)
            {
                ReportState state = Load(path);
                if (merged is null)
                {
                    merged = state;
                    continue;
                }

                try
                {
                    merged.Merge(state);
                }
                catch (ArgumentException e)
                {
                    throw new CliException($"{path}: {e.Message.Split(" (Parameter", 2)[0]}");
                }
            }

            IReadOnlyList<int>? k = ParseHelpers.List(parse.GetValue(topK), "--top-k")?.Select(x => ParseHelpers.PositiveInt(x, "--top-k")).ToArray();
            EvaluationReport report = merged!.ToReport(ParseHelpers.ZeroDivision(parse.GetValue(zeroDivision)), k);
            int d = parse.GetValue(digits);
            string text = fmt switch
            {
                "json" => EvaluationJson.ToText(report) + "\n",
                "markdown" => EvaluationMarkdown.Render(report, d),
                "csv" => EvaluationCsv.Render(report),
                _ => EvaluationText.Render(report, d),
            };
            if (parse.GetValue(saveState) is string statePath)
            {
                OutputTarget.Write(statePath, ReportStateJson.ToText(merged) + "\n", TextWriter.Null);
            }

            OutputTarget.Write(parse.GetValue(output), text, context.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static ReportState Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot read the state file: {e.Message}");
        }

        try
        {
            return ReportStateJson.Read(json);
        }
        catch (FormatException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }
}
