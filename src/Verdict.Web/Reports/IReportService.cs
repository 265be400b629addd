using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Reports.Html;
using Verdict.Scores;

namespace Verdict.Web.Reports;

/// <summary>
/// Evaluates an uploaded prediction file for the report page. The server streams the upload to a temporary file and
/// hands its path here; the implementation reads it (the command-line tool plugs in its input layer and
/// <c>verdict report</c>'s evaluation, so the page and the CLI give the same numbers) and throws
/// <see cref="ReportInputException"/> for anything the user can fix.
/// </summary>
public interface IReportService
{
    /// <summary>The column names of the file at <paramref name="path"/> (its header), without reading its rows.</summary>
    /// <param name="path">The uploaded file on disk; its name keeps the upload's extension (.csv, .tsv, .jsonl, .gz).</param>
    /// <param name="delimiter">The field delimiter, or null for the extension's default.</param>
    /// <exception cref="ReportInputException">The file cannot be read.</exception>
    IReadOnlyList<string> ReadColumns(string path, char? delimiter);

    /// <summary>The report of the file at <paramref name="path"/>, and the score charts when it has score columns.</summary>
    /// <exception cref="ReportInputException">A column, label or option does not fit the file, or a row is bad.</exception>
    ReportResult Evaluate(string path, ReportRequest request);
}

/// <summary>The report page's options, parsed: the same choices as <c>verdict report</c>'s options.</summary>
public sealed record ReportRequest
{
    /// <summary>Actual-label column (multilabel: comma-separated columns); null for the defaults y_true, actual, label.</summary>
    public string? Actual { get; init; }

    /// <summary>Predicted-label column (multilabel: comma-separated columns); null for the defaults y_pred, predicted, prediction.</summary>
    public string? Predicted { get; init; }

    /// <summary>Sample-weight column, or null.</summary>
    public string? Weight { get; init; }

    /// <summary>Binary: the positive class's score column, or null.</summary>
    public string? Score { get; init; }

    /// <summary>Multiclass/multilabel: one score column per label (or LABEL=COL items), or null.</summary>
    public IReadOnlyList<string>? Scores { get; init; }

    /// <summary>Threshold turning scores into predictions when there is no predicted column (score &gt;= threshold), or null for 0.5.</summary>
    public double? Threshold { get; init; }

    /// <summary>k values for top-k accuracy, or null for the defaults.</summary>
    public IReadOnlyList<int>? TopK { get; init; }

    /// <summary>Divide each multiclass probability row by its sum instead of rejecting rows that do not sum to 1.</summary>
    public bool Normalize { get; init; }

    /// <summary>Labels to report, in order, or null for every label in the data.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Positive label of a binary task, or null.</summary>
    public string? Positive { get; init; }

    /// <summary>Value of undefined (0/0) scores.</summary>
    public ZeroDivision ZeroDivision { get; init; }

    /// <summary>The task, or null to detect it from the labels.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>Field delimiter, or null for the extension's default.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Leave bad rows out (and say how many) instead of failing.</summary>
    public bool SkipBadRows { get; init; }
}

/// <summary>An evaluated upload: the report and, when the file had scores, the charts of the HTML report.</summary>
/// <param name="Report">The report (the same object <c>verdict report</c> renders).</param>
/// <param name="Charts">ROC, precision-recall and other score charts, or null when there are no scores.</param>
public sealed record ReportResult(EvaluationReport Report, HtmlReportCharts? Charts);

/// <summary>A problem with an upload or an option that the user can fix; <see cref="Field"/> names the form field it belongs to.</summary>
public sealed class ReportInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="field">The form field (e.g. "actual", "positive", "file"), or null when no single field is at fault.</param>
    public ReportInputException(string message, string? field)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates the exception with no field.</summary>
    public ReportInputException()
    {
    }

    /// <summary>Creates the exception with no field.</summary>
    public ReportInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no field, wrapping another.</summary>
    public ReportInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The form field the problem belongs to, or null.</summary>
    public string? Field { get; }
}
