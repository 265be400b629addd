using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Reports.Html;
using Verdict.Scores;
using Verdict.Web.Hosting;
using Verdict.Web.Reports;

namespace Verdict.Web.Api;

/// <summary>
/// <c>POST /api/report</c> and <c>POST /api/columns</c>: a prediction file (or a sample) and the report options as
/// multipart/form-data in; the report of <c>verdict report</c> out.
/// </summary>
internal sealed class ReportApi
{
    /// <summary>The form fields /api/report reads.</summary>
    public static readonly string[] Fields =
    [
        "sample", "actual", "predicted", "weight", "score", "scores", "threshold", "top_k", "normalize", "labels", "positive",
        "zero_division", "task", "delimiter", "on_bad_row", "format", "digits",
    ];

    private readonly IReportService _service;
    private readonly UploadFolder _uploads;
    private readonly long _maxUploadBytes;

    public ReportApi(IReportService service, UploadFolder uploads, long maxUploadBytes)
    {
        _service = service;
        _uploads = uploads;
        _maxUploadBytes = maxUploadBytes;
    }

    /// <summary><c>POST /api/columns</c>: <c>{"file": "digits.csv", "columns": ["y_true", ...]}</c> of an uploaded file (its first part is enough) or a sample.</summary>
    public async Task Columns(HttpContext context)
    {
        using RequestFolder folder = _uploads.CreateRequestFolder();
        UploadForm form = await UploadForm.ReadAsync(context, folder, _maxUploadBytes).ConfigureAwait(false);
        (string path, string name) = RequireFile(form);
        char? delimiter = Delimiter(form.Get("delimiter"));
        IReadOnlyList<string> columns = Call(() => _service.ReadColumns(path, delimiter));
        await ApiResponses.Json(context, new JsonObject
        {
            ["file"] = name,
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)JsonValue.Create(c))]),
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /api/report</c>. format=json (default): exactly <c>verdict report --format json</c>'s output;
    /// format=html: the HTML report page; format=page: <c>{"file", "columns", "report", "html"}</c> with the JSON report
    /// object and the HTML page, for the report page.
    /// </summary>
    public async Task Report(HttpContext context)
    {
        using RequestFolder folder = _uploads.CreateRequestFolder();
        UploadForm form = await UploadForm.ReadAsync(context, folder, _maxUploadBytes).ConfigureAwait(false);
        foreach (string key in form.Fields.Keys)
        {
            if (!Fields.Contains(key))
            {
                throw ApiException.BadRequest($"Unknown field '{key}'; the fields are file, {string.Join(", ", Fields)}.", key);
            }
        }

        string format = (form.Get("format") ?? "json").ToLowerInvariant();
        if (format is not ("json" or "html" or "page"))
        {
            throw ApiException.BadRequest($"format '{form.Get("format")}' is not one of json, html, page.", "format");
        }

        int digits = Digits(form.Get("digits"));
        ReportRequest request = Parse(form);
        (string path, string name) = RequireFile(form);
        ReportResult result = Call(() => _service.Evaluate(path, request));
        switch (format)
        {
            case "json":
                await ApiResponses.Json(context, EvaluationJson.ToText(result.Report) + "\n").ConfigureAwait(false);
                break;
            case "html":
                await ApiResponses.Text(context, StatusCodes.Status200OK, "text/html; charset=utf-8", Html(result, name, digits)).ConfigureAwait(false);
                break;
            default:
                IReadOnlyList<string> columns = Call(() => _service.ReadColumns(path, request.Delimiter));
                await ApiResponses.Json(context, new JsonObject
                {
                    ["file"] = name,
                    ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)JsonValue.Create(c))]),
                    ["report"] = EvaluationJson.Render(result.Report),
                    ["html"] = Html(result, name, digits),
                }).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The form's options as a <see cref="ReportRequest"/>; each parse error names its field.</summary>
    public static ReportRequest Parse(UploadForm form) => new()
    {
        Actual = form.Get("actual"),
        Predicted = form.Get("predicted"),
        Weight = form.Get("weight"),
        Score = form.Get("score"),
        Scores = List(form.Get("scores"), "scores", "score columns"),
        Threshold = Threshold(form.Get("threshold")),
        TopK = TopK(form.Get("top_k")),
        Normalize = Flag(form.Get("normalize"), "normalize"),
        Labels = List(form.Get("labels"), "labels", "labels"),
        Positive = form.Get("positive"),
        ZeroDivision = form.Get("zero_division")?.ToLowerInvariant() switch
        {
            null or "zero" or "0" => ZeroDivision.Zero,
            "one" or "1" => ZeroDivision.One,
            "nan" => ZeroDivision.NaN,
            _ => throw ApiException.BadRequest($"'{form.Get("zero_division")}' is not one of zero, one, nan.", "zero_division"),
        },
        Task = form.Get("task")?.ToLowerInvariant() switch
        {
            null or "auto" => null,
            "binary" => TaskKind.Binary,
            "multiclass" => TaskKind.Multiclass,
            "multilabel" => TaskKind.Multilabel,
            _ => throw ApiException.BadRequest($"'{form.Get("task")}' is not one of auto, binary, multiclass, multilabel.", "task"),
        },
        Delimiter = Delimiter(form.Get("delimiter")),
        SkipBadRows = form.Get("on_bad_row")?.ToLowerInvariant() switch
        {
            null or "error" => false,
            "skip" => true,
            _ => throw ApiException.BadRequest($"'{form.Get("on_bad_row")}' is not one of error, skip.", "on_bad_row"),
        },
    };

    private static string Html(ReportResult result, string name, int digits) =>
        HtmlReport.Render(result.Report, result.Charts, new HtmlReportOptions { Title = "Verdict report: " + name, Digits = digits });

    private static (string Path, string Name) RequireFile(UploadForm form) =>
        form.FilePath is not null && form.FileName is not null
            ? (form.FilePath, form.FileName)
            : throw ApiException.BadRequest("Choose a prediction file to upload (CSV, TSV or JSON Lines, optionally .gz), or pick a sample.", "file");

    private static T Call<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ReportInputException e)
        {
            throw ApiException.BadRequest(e.Message, e.Field);
        }
    }

    private static string[]? List(string? text, string field, string what)
    {
        if (text is null)
        {
            return null;
        }

        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Any(i => i.Length == 0)
            ? throw ApiException.BadRequest($"The {what} '{text}' have an empty item; give a comma-separated list such as a,b,c.", field)
            : items;
    }

    private static double? Threshold(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && double.IsFinite(t)
            ? t
            : throw ApiException.BadRequest($"The threshold '{text}' is not a number; give one such as 0.5 (scores at or above it are predicted positive).", "threshold");
    }

    private static int[]? TopK(string? text)
    {
        string[]? items = List(text, "top_k", "top-k values");
        return items?.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw ApiException.BadRequest($"The top-k value '{k}' is not a positive whole number.", "top_k")).ToArray();
    }

    private static bool Flag(string? text, string field) => text?.ToLowerInvariant() switch
    {
        null or "false" or "off" or "0" or "no" => false,
        "true" or "on" or "1" or "yes" => true,
        _ => throw ApiException.BadRequest($"'{text}' is not true or false.", field),
    };

    private static char? Delimiter(string? text) => text switch
    {
        null => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw ApiException.BadRequest($"The delimiter '{text}' must be one character (or 'tab').", "delimiter"),
    };

    private static int Digits(string? text)
    {
        if (text is null)
        {
            return 4;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d <= 10
            ? d
            : throw ApiException.BadRequest($"digits '{text}' must be a whole number from 0 to 10.", "digits");
    }
}
