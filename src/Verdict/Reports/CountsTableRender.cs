using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Verdict.Internal;

namespace Verdict.Reports;

/// <summary>Views of a <see cref="CountsTable"/>: JSON (<c>verdict calc</c>'s contract), text, Markdown and CSV.</summary>
public static class CountsTableRender
{
    /// <summary>
    /// <c>{"per_class": [{"class", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "support"}], "micro", "macro",
    /// "weighted", "totals", "warnings", "undefined"}</c>; tn is null when not given, micro has accuracy when it is.
    /// </summary>
    public static JsonObject Json(CountsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var perClass = new JsonArray();
        for (int i = 0; i < table.Rows.Count; i++)
        {
            CountsRow r = table.Rows[i];
            perClass.Add(new JsonObject
            {
                ["class"] = r.Class,
                ["tp"] = r.TruePositives,
                ["fp"] = r.FalsePositives,
                ["fn"] = r.FalseNegatives,
                ["tn"] = r.TrueNegatives,
                ["precision"] = Reports.Json.Number(table.Scores.Precision[i]),
                ["recall"] = Reports.Json.Number(table.Scores.Recall[i]),
                ["f1"] = Reports.Json.Number(table.Scores.FScore[i]),
                ["support"] = (long)table.Scores.Support[i],
            });
        }

        var totals = new JsonObject
        {
            ["tp"] = (long)table.Totals.TruePositives,
            ["fp"] = (long)table.Totals.FalsePositives,
            ["fn"] = (long)table.Totals.FalseNegatives,
            ["tn"] = table.HasTrueNegatives ? (long)table.Totals.TrueNegatives : null,
        };
        return new JsonObject
        {
            ["per_class"] = perClass,
            ["micro"] = Average(table.Micro),
            ["macro"] = Average(table.Macro),
            ["weighted"] = Average(table.Weighted),
            ["totals"] = totals,
            ["warnings"] = new JsonArray([.. table.Warnings.Select(w => (JsonNode)JsonValue.Create(w)!)]),
            ["undefined"] = new JsonArray([.. table.Undefined.Select(u => (JsonNode)JsonValue.Create(u.ToString())!)]),
        };
    }

    /// <summary>A fixed-width text table with <paramref name="digits"/> decimals, then the averages, totals and warnings.</summary>
    public static string Text(CountsTable table, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(table);
        int width = Math.Max("weighted".Length, table.Rows.Max(r => PyFormat.CodePoints(r.Class)));
        var sb = new StringBuilder();
        string[] heads = ["tp", "fp", "fn", "tn", "precision", "recall", "f1", "support"];
        sb.Append(PyFormat.PadLeft("class", width));
        foreach (string h in heads)
        {
            sb.Append(' ').Append(PyFormat.PadLeft(h, 10));
        }

        sb.Append('\n');
        for (int i = 0; i < table.Rows.Count; i++)
        {
            CountsRow r = table.Rows[i];
            sb.Append(PyFormat.PadLeft(r.Class, width));
            foreach (string cell in new[]
            {
                Int(r.TruePositives), Int(r.FalsePositives), Int(r.FalseNegatives), r.TrueNegatives is long tn ? Int(tn) : "-",
                PyFormat.Fixed(table.Scores.Precision[i], digits), PyFormat.Fixed(table.Scores.Recall[i], digits),
                PyFormat.Fixed(table.Scores.FScore[i], digits), Int((long)table.Scores.Support[i]),
            })
            {
                sb.Append(' ').Append(PyFormat.PadLeft(cell, 10));
            }

            sb.Append('\n');
        }

        sb.Append('\n').Append(PyFormat.PadLeft("", width)).Append(' ').Append(PyFormat.PadLeft("precision", 10))
          .Append(' ').Append(PyFormat.PadLeft("recall", 10)).Append(' ').Append(PyFormat.PadLeft("f1", 10))
          .Append(' ').Append(PyFormat.PadLeft("accuracy", 10)).Append('\n');
        foreach ((string name, CountsAverage a) in new[] { ("micro", table.Micro), ("macro", table.Macro), ("weighted", table.Weighted) })
        {
            sb.Append(PyFormat.PadLeft(name, width))
              .Append(' ').Append(PyFormat.PadLeft(PyFormat.Fixed(a.Precision, digits), 10))
              .Append(' ').Append(PyFormat.PadLeft(PyFormat.Fixed(a.Recall, digits), 10))
              .Append(' ').Append(PyFormat.PadLeft(PyFormat.Fixed(a.F1, digits), 10))
              .Append(' ').Append(PyFormat.PadLeft(a.Accuracy is double acc ? PyFormat.Fixed(acc, digits) : "", 10)).Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture,
            $"\ntotals: TP {Int((long)table.Totals.TruePositives)}, FP {Int((long)table.Totals.FalsePositives)}, FN {Int((long)table.Totals.FalseNegatives)}");
        if (table.HasTrueNegatives)
        {
            sb.Append(", TN ").Append(Int((long)table.Totals.TrueNegatives));
        }

        sb.Append('\n');
        foreach (string w in table.Warnings)
        {
            sb.Append("warning: ").Append(w).Append('\n');
        }

        foreach (Scores.UndefinedScore u in table.Undefined)
        {
            sb.Append("note: ").Append(u.ToString()).Append(" (reported as 0)\n");
        }

        return sb.ToString();
    }

    /// <summary>The per-class table and averages as Markdown.</summary>
    public static string Markdown(CountsTable table, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder("| class | TP | FP | FN | TN | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < table.Rows.Count; i++)
        {
            CountsRow r = table.Rows[i];
            sb.Append(CultureInfo.InvariantCulture,
                $"| {EvaluationMarkdown.Escape(r.Class)} | {r.TruePositives} | {r.FalsePositives} | {r.FalseNegatives} | {(r.TrueNegatives is long tn ? Int(tn) : "")} | {PyFormat.Fixed(table.Scores.Precision[i], digits)} | {PyFormat.Fixed(table.Scores.Recall[i], digits)} | {PyFormat.Fixed(table.Scores.FScore[i], digits)} | {(long)table.Scores.Support[i]} |\n");
        }

        sb.Append("\n| average | precision | recall | F1 | accuracy |\n|---|---:|---:|---:|---:|\n");
        foreach ((string name, CountsAverage a) in new[] { ("micro", table.Micro), ("macro", table.Macro), ("weighted", table.Weighted) })
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {name} | {PyFormat.Fixed(a.Precision, digits)} | {PyFormat.Fixed(a.Recall, digits)} | {PyFormat.Fixed(a.F1, digits)} | {(a.Accuracy is double acc ? PyFormat.Fixed(acc, digits) : "")} |\n");
        }

        foreach (string w in table.Warnings)
        {
            sb.Append("\n> **Warning:** ").Append(w).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>One CSV row per class and per average: <c>name,tp,fp,fn,tn,precision,recall,f1,support,accuracy</c>.</summary>
    public static string Csv(CountsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder("name,tp,fp,fn,tn,precision,recall,f1,support,accuracy\n");
        for (int i = 0; i < table.Rows.Count; i++)
        {
            CountsRow r = table.Rows[i];
            sb.Append(CultureInfo.InvariantCulture,
                $"{EvaluationCsv.Field(r.Class)},{r.TruePositives},{r.FalsePositives},{r.FalseNegatives},{(r.TrueNegatives is long tn ? Int(tn) : "")},{EvaluationCsv.Num(table.Scores.Precision[i])},{EvaluationCsv.Num(table.Scores.Recall[i])},{EvaluationCsv.Num(table.Scores.FScore[i])},{(long)table.Scores.Support[i]},\n");
        }

        foreach ((string name, CountsAverage a) in new[] { ("micro avg", table.Micro), ("macro avg", table.Macro), ("weighted avg", table.Weighted) })
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{name},,,,,{EvaluationCsv.Num(a.Precision)},{EvaluationCsv.Num(a.Recall)},{EvaluationCsv.Num(a.F1)},,{(a.Accuracy is double acc ? EvaluationCsv.Num(acc) : "")}\n");
        }

        return sb.ToString();
    }

    private static JsonObject Average(CountsAverage a)
    {
        var o = new JsonObject
        {
            ["precision"] = Reports.Json.Number(a.Precision),
            ["recall"] = Reports.Json.Number(a.Recall),
            ["f1"] = Reports.Json.Number(a.F1),
        };
        if (a.Accuracy is double acc)
        {
            o["accuracy"] = Reports.Json.Number(acc);
        }

        return o;
    }

    private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
}
