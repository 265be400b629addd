using System.Text.Json.Nodes;

namespace Verdict.Reports;

/// <summary>
/// A <see cref="ClassificationReport"/> as scikit-learn's <c>output_dict=True</c>: per-class objects of
/// precision, recall, f1-score and support, then the averages; "accuracy" is a bare number. Support is an
/// integer when unweighted. NaN becomes JSON null (JSON has no NaN).
/// </summary>
public static class ReportDict
{
    /// <summary>The report as a JSON object with exactly scikit-learn's keys.</summary>
    public static JsonObject Render(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = new JsonObject();
        foreach (ReportRow row in report.Classes)
        {
            o[row.Name] = Row(row, report.IsWeighted);
        }

        foreach (ReportRow row in report.Averages)
        {
            o[row.Name] = row.Name == "accuracy" ? Json.Number(row.Precision) : Row(row, report.IsWeighted);
        }

        return o;
    }

    private static JsonObject Row(ReportRow row, bool weighted) => new()
    {
        ["precision"] = Json.Number(row.Precision),
        ["recall"] = Json.Number(row.Recall),
        ["f1-score"] = Json.Number(row.FScore),
        ["support"] = weighted ? Json.Number(row.Support) : JsonValue.Create((long)row.Support),
    };
}
