using System.CommandLine;
using Verdict.Cli.Commands;

namespace Verdict.Cli;

/// <summary>Builds and runs the command tree.</summary>
internal static class CommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Stream? stdin = null, bool stderrIsTerminal = false,
                          Tracking.TrackingEnvironment? tracking = null)
    {
        var context = new CliContext(stdout, stderr, stdin, stderrIsTerminal) { Tracking = tracking ?? Tracking.TrackingEnvironment.Process };
        Command root = Build(context);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                stderr.WriteLine($"verdict: error: {error.Message}");
            }

            stderr.WriteLine("Run 'verdict --help' (or 'verdict COMMAND --help') for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = true });
    }

    public static Command Build(CliContext context)
    {
        var root = new Command("verdict",
            "verdict: evaluate classifiers from prediction files, with scikit-learn's numbers.\n\n" +
            "Exit codes: 0 success, 1 a gate failed, 2 bad input or usage.\n\n" +
            "Examples:\n" +
            "  verdict report samples/fraud.csv --actual label --predicted predicted --positive fraud\n" +
            "  verdict calc counts.csv --format json\n" +
            "  verdict gate samples/fraud.csv --spec samples/fraud.spec.yaml")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            ReportCommand.Create(context),
            CalcCommand.Create(context),
            CurvesCommand.Create(context),
            ThresholdsCommand.Create(context),
            PlotCommand.Create(context),
            MergeCommand.Create(context),
            RunsCommand.Create(context),
            GateCommand.Create(context),
            SpecCommand.Create(context),
            ServeCommand.Create(context),
        };
        return root;
    }
}
