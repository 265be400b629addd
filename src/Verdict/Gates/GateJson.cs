using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Reports;

namespace Verdict.Gates;

/// <summary>
/// The verdict as the <c>verdict/gate/v1</c> JSON object for machines: <c>{"schema", "passed", "summary", "counts",
/// "source", "spec", "baseline", "threshold", "rules": [...], "notes"}</c>. Each rule has its name, metric, average,
/// class, parameter, value, min, max, margin, direction, status (passed, failed, ignored), undefined flag, note and
/// baseline comparison. Undefined numbers are null.
/// </summary>
public static class GateJson
{
    /// <summary>The schema name written in every verdict.</summary>
    public const string Schema = "verdict/gate/v1";

    /// <summary>The verdict as a JSON object.</summary>
    public static JsonObject Render(GateVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var rules = new JsonArray();
        foreach (RuleResult r in verdict.Rules)
        {
            var o = new JsonObject
            {
                ["name"] = r.Name,
                ["metric"] = r.Metric?.Metric,
                ["average"] = r.Metric is { Average: not MetricAverage.None } m ? MetricCatalog.AverageName(m.Average) : null,
                ["class"] = r.Metric?.Class,
                ["parameter"] = r.Metric?.Parameter is double p ? Json.Number(p) : null,
                ["value"] = Json.Number(r.Value),
                ["min"] = r.Min is double lo ? Json.Number(lo) : null,
                ["max"] = r.Max is double hi ? Json.Number(hi) : null,
                ["margin"] = Json.Number(r.Margin),
                ["direction"] = r.Metric is null ? null : r.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower",
                ["status"] = Status(r.Outcome),
                ["undefined"] = r.IsUndefined,
                ["note"] = r.Note,
            };
            if (r.Baseline is { } b)
            {
                o["baseline"] = new JsonObject
                {
                    ["value"] = Json.Number(b.Baseline),
                    ["change"] = Json.Number(b.Change),
                    ["drop"] = Json.Number(b.Drop),
                    ["max_drop"] = b.MaxDrop is double d ? Json.Number(d) : null,
                    ["passed"] = b.Passed,
                    ["note"] = b.Note,
                };
            }

            if (r.Location is SpecLocation at)
            {
                o["spec_line"] = at.Line;
            }

            rules.Add(o);
        }

        var root = new JsonObject
        {
            ["schema"] = Schema,
            ["passed"] = verdict.Passed,
            ["summary"] = verdict.Summary,
            ["counts"] = new JsonObject
            {
                ["rules"] = verdict.Rules.Count,
                ["passed"] = verdict.PassedCount,
                ["failed"] = verdict.FailedCount,
                ["ignored"] = verdict.IgnoredCount,
            },
            ["source"] = verdict.Source,
            ["spec"] = verdict.Spec,
            ["baseline"] = verdict.BaselineSource,
        };
        if (verdict.Threshold is { } t)
        {
            root["threshold"] = new JsonObject
            {
                ["value"] = Json.Number(t.Threshold),
                ["chosen_by"] = t.Description,
                ["constraint_met"] = t.ConstraintMet,
                ["tp"] = t.Counts.TruePositives,
                ["fp"] = t.Counts.FalsePositives,
                ["fn"] = t.Counts.FalseNegatives,
                ["tn"] = t.Counts.TrueNegatives,
            };
        }
        else
        {
            root["threshold"] = null;
        }

        root["rules"] = rules;
        root["notes"] = new JsonArray([.. verdict.Notes.Select(n => (JsonNode)JsonValue.Create(n)!)]);
        return root;
    }

    /// <summary>The verdict as indented JSON text.</summary>
    public static string ToText(GateVerdict verdict) =>
        Render(verdict).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    internal static string Status(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Passed => "passed",
        RuleOutcome.Failed => "failed",
        _ => "ignored",
    };
}
