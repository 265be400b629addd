using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Evaluation;
using Verdict.Labels;

namespace Verdict.Reports;

/// <summary>
/// The <c>verdict/report/v1</c> JSON object: <c>{"schema", "task", "rows", "labels", "classification_report",
/// "confusion_matrix", "metrics", "undefined"}</c>. Undefined numbers are null and have a note in "undefined".
/// </summary>
public static class EvaluationJson
{
    /// <summary>The schema name written in every report.</summary>
    public const string Schema = "verdict/report/v1";

    /// <summary>The report as a JSON object.</summary>
    public static JsonObject Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = new JsonArray();
        foreach (string name in report.Labels)
        {
            labels.Add(Label(name, report.LabelKind));
        }

        var matrices = new JsonArray();
        foreach (double[][] m in report.Matrices)
        {
            var rows = new JsonArray();
            foreach (double[] row in m)
            {
                rows.Add(Json.Numbers(row));
            }

            matrices.Add(rows);
        }

        var metrics = new JsonObject();
        foreach (MetricValue m in report.Metrics)
        {
            metrics[m.Name] = Json.Number(m.Value);
        }

        foreach (MetricGroup g in report.Groups)
        {
            var group = new JsonObject();
            foreach (MetricValue v in g.Values)
            {
                group[v.Name] = Json.Number(v.Value);
            }

            if (g.PerClass is not null)
            {
                var perClass = new JsonObject();
                foreach (MetricValue v in g.PerClass)
                {
                    perClass[v.Name] = Json.Number(v.Value);
                }

                group["per_class"] = perClass;
            }

            metrics[g.Name] = group;
        }

        var o = new JsonObject
        {
            ["schema"] = Schema,
            ["task"] = report.Task.ToString().ToLowerInvariant(),
            ["rows"] = report.Rows,
            ["labels"] = labels,
        };
        if (report.Positive is not null)
        {
            o["positive"] = Label(report.Positive, report.LabelKind);
        }

        o["classification_report"] = ReportDict.Render(report.ClassificationReport);
        o["confusion_matrix"] = report.Task == TaskKind.Multilabel ? matrices : matrices[0]!.DeepClone();
        o["metrics"] = metrics;
        o["undefined"] = new JsonArray([.. report.Notes.Select(n => (JsonNode)JsonValue.Create(n)!)]);
        return o;
    }

    /// <summary>The report as indented JSON text.</summary>
    public static string ToText(EvaluationReport report) =>
        Render(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>A label as JSON: a number when every label is numeric, otherwise a string.</summary>
    public static JsonNode Label(string name, LabelKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (kind == LabelKind.Number)
        {
            if (long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            {
                return JsonValue.Create(l);
            }

            if (double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
            {
                return JsonValue.Create(d);
            }
        }

        return JsonValue.Create(name);
    }
}
