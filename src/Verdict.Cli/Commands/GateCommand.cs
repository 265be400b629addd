using System.CommandLine;
using System.Globalization;
using System.Text;
using Verdict.Cli.Output;
using Verdict.Reports;
using Verdict.Cli.Tracking;
using Verdict.Cli.Spec;
using Verdict.Gates;

namespace Verdict.Cli.Commands;

/// <summary>Settings of <c>verdict gate</c>.</summary>
internal sealed record GateSettings
{
    public required string File { get; init; }

    public required string Spec { get; init; }

    public string Format { get; init; } = "text";

    public string? Output { get; init; }

    public string? Baseline { get; init; }

    public double? MaxDrop { get; init; }

    public string? Summary { get; init; }

    public string? JUnit { get; init; }

    public int Digits { get; init; } = 4;

    public InputSettings Input { get; init; } = new();
}

/// <summary>
/// <c>verdict gate FILE --spec SPEC</c>: evaluates every rule of a metric spec on a prediction file (never stopping at
/// the first failure), prints the verdict, and exits 0 when all pass, 1 when any fails, 2 for a bad spec or input.
/// </summary>
internal static class GateCommand
{
    public static readonly string[] Formats = ["text", "json", "markdown", "junit"];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Prediction file (CSV/TSV/JSONL, optionally .gz; '-' for standard input)." };
        var spec = new Option<string>("--spec") { Description = "The metric spec (YAML): columns, threshold and rules. See docs/gate.md.", HelpName = "SPEC", Required = true };
        var format = new Option<string?>("--format") { Description = "text (default), json (verdict/gate/v1), markdown (CI job summaries, PR comments) or junit (one test case per rule).", HelpName = "text|json|markdown|junit" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the verdict to this file instead of standard output (also when the gate fails).", HelpName = "PATH" };
        var baseline = new Option<string?>("--baseline") { Description = "A previous verdict/report/v1 JSON report to compare with (overrides the spec's baseline.report).", HelpName = "REPORT" };
        var maxDrop = new Option<double?>("--max-drop") { Description = "With a baseline: the drop allowed to every rule the spec's baseline.max_drop does not name.", HelpName = "D" };
        var summary = new Option<string?>("--summary") { Description = "Also append the Markdown verdict to this file (e.g. \"$GITHUB_STEP_SUMMARY\").", HelpName = "PATH" };
        var junit = new Option<string?>("--junit") { Description = "Also write the JUnit XML verdict to this file.", HelpName = "PATH" };
        var digits = new Option<int>("--digits") { Description = "Decimals in text and Markdown output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var command = new Command("gate", "Check a prediction file against the rules of a metric spec: a table of rule, value, bound, margin and result, then a one-line verdict.\n" +
            "Exit codes: 0 every rule passes, 1 a rule fails, 2 a bad spec or bad input.\n\nExamples:\n" +
            "  verdict gate samples/fraud.csv --spec samples/fraud.spec.yaml\n" +
            "  verdict gate predictions.csv --spec spec.yaml --format junit -o gate.xml --summary \"$GITHUB_STEP_SUMMARY\"\n" +
            "  verdict gate predictions.csv --spec spec.yaml --baseline main-report.json --max-drop 0.01")
        {
            file, spec, format, output, baseline, maxDrop, summary, junit, digits,
        };
        InputOptions inputOptions = InputOptions.AddTo(command);
        TrackingOptions tracking = TrackingOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            tracking.Read(parse, context.Tracking);
            double? drop = parse.GetValue(maxDrop);
            if (drop is double d && !(d >= 0 && double.IsFinite(d)))
            {
                throw new CliException($"--max-drop {d.ToString(CultureInfo.InvariantCulture)} must be a number >= 0");
            }

            int n = parse.GetValue(digits);
            var settings = new GateSettings
            {
                File = parse.GetValue(file)!,
                Spec = parse.GetValue(spec)!,
                Format = ParseHelpers.Format(parse.GetValue(format), Formats),
                Output = parse.GetValue(output),
                Baseline = parse.GetValue(baseline),
                MaxDrop = drop,
                Summary = parse.GetValue(summary),
                JUnit = parse.GetValue(junit),
                Digits = n is >= 0 and <= 17 ? n : throw new CliException($"--digits {n} is out of range; use 0 to 17"),
                Input = inputOptions.Read(parse),
            };
            (int code, GateVerdict verdict, EvaluationReport report) = Execute(settings, context);
            RunRecord run = RunRecord.FromReport(report, "gate", settings.File == "-" ? null : settings.File, verdict.Threshold?.Threshold,
                spec: File.ReadAllText(settings.Spec), gate: verdict.Passed ? GateOutcome.Pass : GateOutcome.Fail,
                gateFailures: [.. verdict.Rules.Where(r => r.Outcome == RuleOutcome.Failed).Select(r => r.Name)]);
            return TrackingOptions.Combine(code, tracking.Record(parse, run, context));
        }));
        return command;
    }

    /// <summary>Evaluates, writes the verdict (and any --junit/--summary), and returns the exit code with the verdict and report.</summary>
    public static (int Code, GateVerdict Verdict, EvaluationReport Report) Execute(GateSettings settings, CliContext context)
    {
        (GateVerdict verdict, EvaluationReport report) = EvaluateWithReport(settings, context);
        string text = settings.Format switch
        {
            "json" => GateJson.ToText(verdict) + "\n",
            "markdown" => GateMarkdown.Render(verdict, settings.Digits),
            "junit" => GateJUnit.ToText(verdict, settings.Digits),
            _ => GateText.Render(verdict, settings.Digits),
        };
        if (settings.JUnit is not null)
        {
            OutputTarget.Write(settings.JUnit, GateJUnit.ToText(verdict, settings.Digits), context.Out);
        }

        if (settings.Summary is not null)
        {
            try
            {
                File.AppendAllText(settings.Summary, GateMarkdown.Render(verdict, settings.Digits) + "\n", new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot append to --summary '{settings.Summary}': {e.Message}");
            }
        }

        OutputTarget.Write(settings.Output, text, context.Out);
        return (verdict.Passed ? ExitCodes.Success : ExitCodes.GateFailed, verdict, report);
    }

    /// <summary>Loads the spec, evaluates the file as it says, compares with the baseline, and judges every rule.</summary>
    public static GateVerdict Evaluate(GateSettings settings, CliContext context) => EvaluateWithReport(settings, context).Verdict;

    private static (GateVerdict Verdict, EvaluationReport Report) EvaluateWithReport(GateSettings settings, CliContext context)
    {
        LoadedSpec loaded = SpecLoader.Load(settings.Spec);
        SpecEvaluation evaluation = SpecRunner.Evaluate(loaded, settings.File, settings.Input, context);
        GateSpec spec = loaded.Spec;
        (MetricSource? baseline, string? baselineName) = SpecRunner.Baseline(loaded, settings.Baseline, evaluation.Report.Task);
        if (settings.MaxDrop is double drop)
        {
            if (baseline is null)
            {
                throw new CliException("--max-drop limits the drop from a baseline; give --baseline REPORT (or baseline.report in the spec)");
            }

            spec = spec with { Baseline = (spec.Baseline ?? new BaselineSpec(null, [])) with { DefaultMaxDrop = drop } };
        }

        GateVerdict verdict = Gate.Evaluate(spec, evaluation.Source, baseline, evaluation.Threshold);
        return (new GateVerdict(verdict.Rules, verdict.Threshold, verdict.Notes)
        {
            Source = settings.File == "-" ? "standard input" : Path.GetFileName(settings.File),
            Spec = Path.GetFileName(settings.Spec),
            BaselineSource = baselineName,
        }, evaluation.Report);
    }
}
