using System.CommandLine;
using Microsoft.Data.Sqlite;
using Verdict.Cli.Output;
using Verdict.Cli.Tracking;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict runs list|show|compare|export</c>: the local run history that report, thresholds and gate record.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var db = new Option<string?>("--db")
        {
            Description = "Run database (default: $VERDICT_HOME/runs.db, else verdict/runs.db in the user's data folder, e.g. ~/.local/share/verdict/runs.db).",
            HelpName = "PATH",
            Recursive = true,
        };
        var command = new Command("runs", "The local run history: every report, thresholds and gate run is recorded (unless --no-log) with its input hash, spec, metrics, gate verdict, tool version and git commit.\n\nExamples:\n  verdict runs list --last 10 --filter command=report\n  verdict runs show last\n  verdict runs compare last-1 last\n  verdict runs export --format csv --output runs.csv")
        {
            db,
            List(context, db),
            Show(context, db),
            Compare(context, db),
            Export(context, db),
        };
        return command;
    }

    private static Command List(CliContext context, Option<string?> db)
    {
        var last = new Option<int?>("--last") { Description = "Show the N most recent matching runs (default 20).", HelpName = "N" };
        var filter = new Option<string[]>("--filter") { Description = "Keep runs where FIELD OP VALUE holds (repeatable, all must hold): command=report, input~fraud, gate=fail, commit=6b84252, time>=2025-06-01, tag.team=risk, f1_macro>=0.8. OP: = != ~ !~ < <= > >=.", HelpName = "EXPR", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Show every matching run." };
        var metrics = new Option<string?>("--metrics") { Description = "Metric columns (comma-separated keys; default accuracy,f1_macro).", HelpName = "KEY,..." };
        var digits = new Option<int>("--digits") { Description = "Decimals in text output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var format = new Option<string?>("--format") { Description = "text (default), json or csv.", HelpName = "text|json|csv" };
        var command = new Command("list", "List recorded runs, oldest first (the last 20 unless --last N or --all).") { last, filter, all, metrics, digits, format };
        command.SetAction(parse => context.Run(() => WithStore(context, parse.GetValue(db), store =>
        {
            string fmt = ParseHelpers.Format(parse.GetValue(format), "text", "json", "csv");
            RunFilter[] filters = Filters(parse.GetValue(filter));
            int? n = parse.GetValue(all) ? null : Last(parse.GetValue(last)) ?? 20;
            IReadOnlyList<RunRecord> runs = store.List(new RunQuery(n, filters));
            string text = fmt switch
            {
                "json" => RunRender.ExportJson(runs) + "\n",
                "csv" => RunRender.Csv(runs),
                _ => runs.Count == 0 && !store.Exists
                    ? $"no runs recorded yet ({store.Path} does not exist)\n"
                    : RunRender.ListText(runs, (IReadOnlyList<string>?)ParseHelpers.List(parse.GetValue(metrics), "--metrics") ?? RunRender.DefaultListMetrics(runs), Digits(parse.GetValue(digits)), n is null ? runs.Count : store.Count(filters)),
            };
            context.Out.Write(text);
            context.Out.Flush();
            return ExitCodes.Success;
        })));
        return command;
    }

    private static Command Show(CliContext context, Option<string?> db)
    {
        var id = new Argument<string>("ID") { Description = "Run id from 'verdict runs list', 'last' or 'last-N'." };
        var digits = new Option<int>("--digits") { Description = "Decimals in text output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var format = new Option<string?>("--format") { Description = "text (default) or json.", HelpName = "text|json" };
        var command = new Command("show", "Everything recorded about one run: command line, input and spec hashes, threshold, metrics per class, gate verdict, version, commit.") { id, digits, format };
        command.SetAction(parse => context.Run(() => WithStore(context, parse.GetValue(db), store =>
        {
            string fmt = ParseHelpers.Format(parse.GetValue(format), "text", "json");
            int d = Digits(parse.GetValue(digits));
            RunRecord run = store.Require(store.ResolveId(parse.GetValue(id)!));
            context.Out.Write(fmt == "json" ? RunRender.ShowJson(run) + "\n" : RunRender.ShowText(run, d));
            context.Out.Flush();
            return ExitCodes.Success;
        })));
        return command;
    }

    private static Command Compare(CliContext context, Option<string?> db)
    {
        var a = new Argument<string>("ID") { Description = "The first run (id, 'last' or 'last-N')." };
        var b = new Argument<string>("ID2") { Description = "The second run; differences are second − first." };
        var changed = new Option<bool>("--changed") { Description = "Only fields and metrics that differ." };
        var digits = new Option<int>("--digits") { Description = "Decimals in text output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var format = new Option<string?>("--format") { Description = "text (default) or json.", HelpName = "text|json" };
        var command = new Command("compare", "Two runs side by side: fields (input hash, spec, commit, ...) and every metric with its difference; '*' marks what changed.") { a, b, changed, digits, format };
        command.SetAction(parse => context.Run(() => WithStore(context, parse.GetValue(db), store =>
        {
            string fmt = ParseHelpers.Format(parse.GetValue(format), "text", "json");
            int d = Digits(parse.GetValue(digits));
            RunComparison comparison = store.Compare(store.ResolveId(parse.GetValue(a)!), store.ResolveId(parse.GetValue(b)!));
            context.Out.Write(fmt == "json" ? RunRender.CompareJson(comparison) + "\n" : RunRender.CompareText(comparison, d, parse.GetValue(changed)));
            context.Out.Flush();
            return ExitCodes.Success;
        })));
        return command;
    }

    private static Command Export(CliContext context, Option<string?> db)
    {
        var format = new Option<string?>("--format") { Description = "csv (one row per run, one column per metric key) or json (verdict/runs/v1).", HelpName = "csv|json", Required = true };
        var last = new Option<int?>("--last") { Description = "Only the N most recent matching runs (default: all).", HelpName = "N" };
        var filter = new Option<string[]>("--filter") { Description = "Keep runs where FIELD OP VALUE holds (repeatable; as in 'runs list').", HelpName = "EXPR", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output.", HelpName = "PATH" };
        var command = new Command("export", "Export recorded runs as CSV or JSON, oldest first.") { format, last, filter, output };
        command.SetAction(parse => context.Run(() => WithStore(context, parse.GetValue(db), store =>
        {
            string fmt = ParseHelpers.Format(parse.GetValue(format), "csv", "json");
            var query = new RunQuery(Last(parse.GetValue(last)), Filters(parse.GetValue(filter)));
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            store.Export(query, fmt, text);
            OutputTarget.Write(parse.GetValue(output), text.ToString(), context.Out);
            return ExitCodes.Success;
        })));
        return command;
    }

    private static int WithStore(CliContext context, string? db, Func<RunStore, int> body)
    {
        var store = new RunStore(db ?? context.Tracking.ResolveDatabasePath());
        try
        {
            return body(store);
        }
        catch (SqliteException e)
        {
            throw new CliException($"cannot read the run history {store.Path}: {e.Message}");
        }
    }

    private static RunFilter[] Filters(string[]? items) => [.. (items ?? []).Select(RunFilter.Parse)];

    private static int? Last(int? n) => n is null or > 0
        ? n
        : throw new CliException($"--last {n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be a positive number of runs");

    private static int Digits(int digits) => digits is >= 0 and <= 17
        ? digits
        : throw new CliException($"--digits {digits.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range; use 0 to 17");
}
