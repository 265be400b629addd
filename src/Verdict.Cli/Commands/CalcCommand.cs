using System.CommandLine;
using System.Text.Json;
using Verdict.Cli.Input;
using Verdict.Cli.Output;
using Verdict.Reports;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict calc</c>: precision, recall and F1 per class and averaged, from a table of per-class counts.</summary>
internal static class CalcCommand
{
    public static readonly string[] Formats = ["text", "json", "markdown", "csv"];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "CSV with a header: class,tp,fp,fn[,tn] (one row per class; '-' for standard input)." };
        var format = new Option<string?>("--format") { Description = "text (default), json, markdown or csv.", HelpName = "text|json|markdown|csv" };
        var digits = new Option<int>("--digits") { Description = "Decimals in text and Markdown output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (only when the command succeeds).", HelpName = "PATH" };
        var command = new Command("calc", "Metrics calculator: per-class TP, FP, FN (and TN) in; per-class precision, recall, F1, support and micro, macro and weighted averages out.\n\nExample (the micro-vs-macro explainer table; macro F1 0.7595, micro F1 0.7071):\n  printf 'class,tp,fp,fn\\na,10,2,3\\nb,20,10,12\\nc,5,1,1\\n' | verdict calc -")
        {
            file, format, digits, output,
        };
        InputOptions inputOptions = InputOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            string fmt = ParseHelpers.Format(parse.GetValue(format), Formats);
            int d = parse.GetValue(digits);
            CountsTable table = Read(parse.GetValue(file)!, inputOptions.Read(parse), context);
            string text = fmt switch
            {
                "json" => CountsTableRender.Json(table).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n",
                "markdown" => CountsTableRender.Markdown(table, d),
                "csv" => CountsTableRender.Csv(table),
                _ => CountsTableRender.Text(table, d),
            };
            OutputTarget.Write(parse.GetValue(output), text, context.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    public static CountsTable Read(string path, InputSettings input, CliContext context)
    {
        PredictionFile file = PredictionFile.Open(path, input.ToReadOptions(context), context.StandardInput);
        string Find(string name, bool required)
        {
            string? found = file.Header.FirstOrDefault(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (found is null && required)
            {
                throw new CliException($"{file.DisplayName}: no '{name}' column; a counts table has the header class,tp,fp,fn[,tn] (found: {string.Join(", ", file.Header)})");
            }

            return found ?? string.Empty;
        }

        string cls = Find("class", true), tp = Find("tp", true), fp = Find("fp", true), fn = Find("fn", true), tn = Find("tn", false);
        var specs = new List<ColumnSpec> { ColumnSpec.Label(cls), new(tp, ColumnKind.Count), new(fp, ColumnKind.Count), new(fn, ColumnKind.Count) };
        if (tn.Length > 0)
        {
            specs.Add(new ColumnSpec(tn, ColumnKind.Count));
        }

        Table t = file.Read(specs);
        LabelColumn names = t.Labels(cls);
        double[] tps = t.Numbers(tp), fps = t.Numbers(fp), fns = t.Numbers(fn);
        double[]? tns = tn.Length > 0 ? t.Numbers(tn) : null;
        var rows = new List<CountsRow>();
        for (int i = 0; i < t.Rows; i++)
        {
            rows.Add(new CountsRow(names[i], (long)tps[i], (long)fps[i], (long)fns[i], tns is null ? null : (long)tns[i]));
        }

        return CountsTable.Create(rows);
    }
}
