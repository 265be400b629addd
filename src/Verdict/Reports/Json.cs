using System.Text.Json.Nodes;

namespace Verdict.Reports;

/// <summary>JSON helpers shared by the renderers.</summary>
public static class Json
{
    /// <summary>A JSON number, or null for NaN and infinities (which JSON cannot hold).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>An array of numbers (NaN as null).</summary>
    public static JsonArray Numbers(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var a = new JsonArray();
        foreach (double v in values)
        {
            a.Add(Number(v));
        }

        return a;
    }
}
