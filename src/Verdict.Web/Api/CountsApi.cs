using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Verdict.Reports;

namespace Verdict.Web.Api;

/// <summary>
/// <c>POST /api/counts</c>: the calculator. Takes <c>{"rows": [{"class": "a", "tp": 10, "fp": 2, "fn": 3, "tn": null}]}</c>
/// (counts as JSON numbers or as the text typed in a cell) and answers with exactly what <c>verdict calc --format json</c>
/// prints (<see cref="CountsTableRender.Json"/>).
/// </summary>
internal static class CountsApi
{
    /// <summary>The most class rows a request may hold.</summary>
    public const int MaxRows = 10_000;

    /// <summary>The largest request body, in bytes.</summary>
    public const long MaxBodyBytes = 4L << 20;

    public static async Task Handle(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"The request body is not valid JSON ({e.Message}); send {{\"rows\": [{{\"class\": \"a\", \"tp\": 10, \"fp\": 2, \"fn\": 3}}]}}.", null);
        }

        CountsTable table;
        using (document)
        {
            IReadOnlyList<CountsRow> rows = ParseRows(document.RootElement);
            try
            {
                table = CountsTable.Create(rows);
            }
            catch (ArgumentException e)
            {
                throw ApiException.BadRequest(WithoutParameter(e.Message), "rows");
            }
        }

        await ApiResponses.Json(context, CountsTableRender.Json(table).ToJsonString(ApiResponses.Indented) + "\n").ConfigureAwait(false);
    }

    /// <summary>
    /// The rows of a request, checked one field at a time so that each error names its cell: <c>rows[1].fp</c>.
    /// A blank TN means "not given"; TN must be given for every row or for none.
    /// </summary>
    public static IReadOnlyList<CountsRow> ParseRows(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rows", out JsonElement rowsElement) || rowsElement.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("Send an object with a \"rows\" array: {\"rows\": [{\"class\": \"a\", \"tp\": 10, \"fp\": 2, \"fn\": 3}]}.", "rows");
        }

        int count = rowsElement.GetArrayLength();
        if (count == 0)
        {
            throw ApiException.BadRequest("Add at least one class row.", "rows");
        }

        if (count > MaxRows)
        {
            throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"The table has {count} rows; the calculator takes at most {MaxRows}."), "rows");
        }

        var rows = new List<CountsRow>(count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int firstWithTn = -1, firstWithoutTn = -1;
        int i = 0;
        foreach (JsonElement row in rowsElement.EnumerateArray())
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"rows[{i}]");
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Row {i + 1} is not an object with class, tp, fp, fn and tn."), at);
            }

            string name = ClassName(row, i);
            if (seen.TryGetValue(name, out int first))
            {
                throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Class '{name}' appears twice (rows {first + 1} and {i + 1}); give one row per class."), at + ".class");
            }

            seen[name] = i;
            long tp = Count(row, "tp", "TP", name, i, required: true)!.Value;
            long fp = Count(row, "fp", "FP", name, i, required: true)!.Value;
            long fn = Count(row, "fn", "FN", name, i, required: true)!.Value;
            long? tn = Count(row, "tn", "TN", name, i, required: false);
            if (tn is null)
            {
                firstWithoutTn = firstWithoutTn < 0 ? i : firstWithoutTn;
            }
            else
            {
                firstWithTn = firstWithTn < 0 ? i : firstWithTn;
            }

            rows.Add(new CountsRow(name, tp, fp, fn, tn));
            i++;
        }

        if (firstWithTn >= 0 && firstWithoutTn >= 0)
        {
            throw ApiException.BadRequest(
                $"TN is given for some classes but not for '{rows[firstWithoutTn].Class}'; give TN for every class (for micro accuracy) or for none.",
                string.Create(CultureInfo.InvariantCulture, $"rows[{firstWithoutTn}].tn"));
        }

        return rows;
    }

    private static string ClassName(JsonElement row, int index)
    {
        string field = string.Create(CultureInfo.InvariantCulture, $"rows[{index}].class");
        if (!row.TryGetProperty("class", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Row {index + 1} has no class name; name the class."), field);
        }

        string name = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Row {index + 1}: the class name must be text."), field),
        };
        return name.Length > 0
            ? name
            : throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Row {index + 1} has no class name; name the class."), field);
    }

    private static long? Count(JsonElement row, string key, string title, string className, int index, bool required)
    {
        string field = string.Create(CultureInfo.InvariantCulture, $"rows[{index}].{key}");
        string where = $"Class '{className}', {title}";
        if (!row.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0))
        {
            return required
                ? throw ApiException.BadRequest($"{where} is empty; enter a whole number (0 or more).", field)
                : null;
        }

        string text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.GetRawText();
        if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
        {
            return count >= 0
                ? count
                : throw ApiException.BadRequest($"{where}: {text} is negative; counts are 0 or more.", field);
        }

        string shown = text.Length > 40 ? text[..40] + "…" : text;
        throw ApiException.BadRequest($"{where}: '{shown}' is not a whole number; enter a count such as 12.", field);
    }

    private static string WithoutParameter(string message)
    {
        int note = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return note >= 0 ? message[..note] : message;
    }
}
