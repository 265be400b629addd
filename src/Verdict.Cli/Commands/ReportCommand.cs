using System.CommandLine;
using System.Globalization;
using Verdict.Cli.Input;
using Verdict.Cli.Output;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Cli.Commands;

/// <summary>Settings of <c>verdict report</c>.</summary>
internal sealed record ReportSettings
{
    public required string File { get; init; }

    public string? Actual { get; init; }

    public string? Predicted { get; init; }

    public string? Weight { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? Positive { get; init; }

    public ZeroDivision ZeroDivision { get; init; }

    public int Digits { get; init; } = 4;

    public TaskKind? Task { get; init; }

    public string Format { get; init; } = "text";

    public string? Output { get; init; }

    public InputSettings Input { get; init; } = new();
}

/// <summary><c>verdict report</c>: scikit-learn's classification report and the whole-set metrics of a prediction file.</summary>
internal static class ReportCommand
{
    public static readonly string[] Formats = ["text", "json", "markdown", "csv"];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Prediction file (CSV/TSV/JSONL, optionally .gz; '-' for standard input)." };
        var actual = new Option<string?>("--actual") { Description = "Actual-label column (default: y_true, else actual, else label). Multilabel: comma-separated columns.", HelpName = "COL" };
        var predicted = new Option<string?>("--predicted") { Description = "Predicted-label column (default: y_pred, else predicted, else prediction). Multilabel: comma-separated columns.", HelpName = "COL" };
        var weight = new Option<string?>("--weight") { Description = "Sample-weight column (finite, >= 0).", HelpName = "COL" };
        var labels = new Option<string?>("--labels") { Description = "Labels to report, in order (comma-separated); may include labels absent from the data or select a subset.", HelpName = "A,B,..." };
        var positive = new Option<string?>("--positive") { Description = "Positive label of a binary task (adds its precision, recall and F1 to the metrics; default 1 for 0/1 labels).", HelpName = "LABEL" };
        var zeroDivision = new Option<string?>("--zero-division") { Description = "Value of undefined scores (0/0): zero (default), one or nan. Undefined cells are always listed.", HelpName = "zero|one|nan" };
        var digits = new Option<int>("--digits") { Description = "Decimals in text and Markdown output.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or multilabel (default: detected from the labels).", HelpName = "binary|multiclass|multilabel" };
        var format = new Option<string?>("--format") { Description = "text (default), json, markdown or csv.", HelpName = "text|json|markdown|csv" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (only when the command succeeds) instead of standard output.", HelpName = "PATH" };
        var command = new Command("report", "Classification report, confusion matrix and metrics of a prediction file.\n\nExamples:\n  verdict report samples/fraud.csv --actual label --predicted predicted --positive fraud\n  verdict report samples/digits.csv --format json --output report.json\n  verdict report samples/multilabel.csv --task multilabel --actual y_0,y_1 --predicted p_0,p_1")
        {
            file, actual, predicted, weight, labels, positive, zeroDivision, digits, task, format, output,
        };
        InputOptions inputOptions = InputOptions.AddTo(command);
        command.SetAction(parse => context.Run(() =>
        {
            var settings = new ReportSettings
            {
                File = parse.GetValue(file)!,
                Actual = parse.GetValue(actual),
                Predicted = parse.GetValue(predicted),
                Weight = parse.GetValue(weight),
                Labels = ParseHelpers.List(parse.GetValue(labels), "--labels"),
                Positive = parse.GetValue(positive),
                ZeroDivision = ParseHelpers.ZeroDivision(parse.GetValue(zeroDivision)),
                Digits = Digits(parse.GetValue(digits)),
                Task = ParseHelpers.Task(parse.GetValue(task)),
                Format = ParseHelpers.Format(parse.GetValue(format), Formats),
                Output = parse.GetValue(output),
                Input = inputOptions.Read(parse),
            };
            return Execute(settings, context);
        }));
        return command;
    }

    public static int Execute(ReportSettings settings, CliContext context)
    {
        EvaluationReport report = Evaluate(settings, context);
        string text = settings.Format switch
        {
            "json" => EvaluationJson.ToText(report) + "\n",
            "markdown" => EvaluationMarkdown.Render(report, settings.Digits),
            "csv" => EvaluationCsv.Render(report),
            _ => EvaluationText.Render(report, settings.Digits),
        };
        OutputTarget.Write(settings.Output, text, context.Out);
        return ExitCodes.Success;
    }

    public static EvaluationReport Evaluate(ReportSettings s, CliContext context)
    {
        PredictionFile file = PredictionFile.Open(s.File, s.Input.ToReadOptions(context), context.StandardInput);
        return s.Task == TaskKind.Multilabel ? EvaluateMultilabel(s, file) : EvaluateSingleLabel(s, file);
    }

    private static EvaluationReport EvaluateSingleLabel(ReportSettings s, PredictionFile file)
    {
        string actual = file.Resolve(s.Actual, "--actual", "actual labels", "y_true", "actual", "label");
        string predicted = file.Resolve(s.Predicted, "--predicted", "predicted labels", "y_pred", "predicted", "prediction");
        if (actual == predicted)
        {
            throw new CliException($"--actual and --predicted both name column '{actual}'; the predictions must be in another column");
        }

        var specs = new List<ColumnSpec> { ColumnSpec.Label(actual), ColumnSpec.Label(predicted) };
        if (s.Weight is not null)
        {
            file.Require(s.Weight, "--weight");
            specs.Add(new ColumnSpec(s.Weight, ColumnKind.Weight));
        }

        Table table = file.Read(specs);
        LabelColumn a = table.Labels(actual), p = table.Labels(predicted);
        double[] weights = s.Weight is null ? [] : table.Numbers(s.Weight);
        LabelEvaluation evaluation = LabelEvaluation.FromCodes(a.Codes, a.Values, p.Codes, p.Values, s.Labels, weights);
        IReadOnlyList<string> present = evaluation.PresentNames();
        var notes = new List<string>();
        if (s.Labels is not null)
        {
            string[] absent = s.Labels.Where(l => !present.Contains(l)).ToArray();
            if (absent.Length == s.Labels.Count)
            {
                throw new CliException($"{file.DisplayName}: none of the labels in --labels ({string.Join(", ", s.Labels)}) occurs in columns '{actual}' or '{predicted}', whose labels are {Listing(present)}; check the spelling");
            }

            notes.AddRange(absent.Select(l => $"label '{l}' from --labels does not occur in the data; its support is 0"));
        }

        if (s.Task == TaskKind.Binary && present.Count > 2)
        {
            throw new CliException($"{file.DisplayName}: --task binary, but the data has {present.Count} labels ({Listing(present)}); use --task multiclass or select two labels with --labels");
        }

        string? positive = s.Positive;
        if (positive is not null && !present.Contains(positive))
        {
            throw new CliException($"{file.DisplayName}: --positive '{positive}' does not occur in columns '{actual}' or '{predicted}'; the labels are {Listing(present)}");
        }

        if (positive is not null && evaluation.Task != TaskKind.Binary)
        {
            throw new CliException($"{file.DisplayName}: --positive applies to binary data, but there are {present.Count} labels ({Listing(present)})");
        }

        if (positive is null && evaluation.Task == TaskKind.Binary && present.Contains("1") && present.All(l => l is "0" or "1"))
        {
            positive = "1";
        }

        EvaluationReport report = EvaluationReport.For(evaluation, s.ZeroDivision, positive);
        AddNotes(report, notes, table);
        return report;
    }

    private static EvaluationReport EvaluateMultilabel(ReportSettings s, PredictionFile file)
    {
        string[] actual = ParseHelpers.List(s.Actual, "--actual")
            ?? throw new CliException("--task multilabel needs --actual with one 0/1 column per label, e.g. --actual y_0,y_1,y_2");
        string[] predicted = ParseHelpers.List(s.Predicted, "--predicted")
            ?? throw new CliException("--task multilabel needs --predicted with one 0/1 column per label, in the same order as --actual");
        if (actual.Length != predicted.Length)
        {
            throw new CliException($"--actual names {actual.Length} columns but --predicted names {predicted.Length}; give one predicted column per label, in the same order");
        }

        if (s.Labels is not null && s.Labels.Count != actual.Length)
        {
            throw new CliException($"--labels names {s.Labels.Count} labels but there are {actual.Length} label columns; give one name per column");
        }

        var specs = new List<ColumnSpec>();
        foreach (string c in actual.Concat(predicted).Distinct())
        {
            file.Require(c, actual.Contains(c) ? "--actual" : "--predicted");
            specs.Add(new ColumnSpec(c, ColumnKind.Indicator));
        }

        if (s.Weight is not null)
        {
            file.Require(s.Weight, "--weight");
            specs.Add(new ColumnSpec(s.Weight, ColumnKind.Weight));
        }

        Table table = file.Read(specs);
        int k = actual.Length;
        int n = checked((int)table.Rows);
        byte[] yTrue = Indicators(table, actual, n), yPred = Indicators(table, predicted, n);
        double[] weights = s.Weight is null ? [] : table.Numbers(s.Weight);
        MultilabelCounts counts = MultilabelCounts.Compute(yTrue, yPred, k, weights);
        IReadOnlyList<string> names = s.Labels ?? Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        EvaluationReport report = EvaluationReport.For(counts, names, weights.Length > 0, s.ZeroDivision);
        AddNotes(report, [], table);
        return report;
    }

    private static byte[] Indicators(Table table, string[] columns, int rows)
    {
        int k = columns.Length;
        var cells = new byte[rows * k];
        for (int j = 0; j < k; j++)
        {
            double[] column = table.Numbers(columns[j]);
            for (int r = 0; r < rows; r++)
            {
                cells[(r * k) + j] = (byte)column[r];
            }
        }

        return cells;
    }

    private static void AddNotes(EvaluationReport report, IEnumerable<string> notes, Table table)
    {
        foreach (string note in notes)
        {
            report.AddNote(note);
        }

        if (table.SkippedRows > 0)
        {
            string first = table.SkipReasons.Count > 0 ? $"; first: {table.SkipReasons[0]}" : string.Empty;
            report.AddNote($"{table.SkippedRows} bad rows were skipped (--on-bad-row skip){first}");
        }
    }

    private static string Listing(IEnumerable<string> labels) => string.Join(", ", labels.Select(l => $"'{l}'"));

    private static int Digits(int digits) => digits is >= 0 and <= 17
        ? digits
        : throw new CliException($"--digits {digits} is out of range; use 0 to 17");
}
