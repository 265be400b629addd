using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Counts;
using Verdict.Evaluation;

namespace Verdict.Streaming;

/// <summary>
/// Portable report state: versioned JSON (<c>"schema": "verdict/state/v1"</c>) that another process loads and
/// merges. Counts are plain JSON; kept scores are compact binary (little-endian float64 / int32, base64) in the
/// same file, so a shard of a million scored rows is about 11 MB rather than 25. Doubles round-trip exactly.
/// </summary>
public static class ReportStateJson
{
    /// <summary>The schema name every state file carries.</summary>
    public const string Schema = "verdict/state/v1";

    /// <summary>The state as a JSON object.</summary>
    public static JsonObject Write(ReportState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var o = new JsonObject
        {
            ["schema"] = Schema,
            ["shard_ids"] = Strings(state.ShardIds),
            ["task"] = state.Task == TaskKind.Multilabel ? "multilabel" : "single-label",
            ["listed_labels"] = state.ListedLabels is null ? null : Strings(state.ListedLabels),
            ["positive"] = state.Positive,
            ["weighted"] = state.IsWeighted,
            ["notes"] = Strings(state.Notes),
        };
        if (state.Counts is LabelCountsAccumulator c)
        {
            var cells = new JsonArray();
            foreach ((int a, int p, long rows, double weight) in c.Cells.OrderBy(x => x.Actual).ThenBy(x => x.Predicted))
            {
                cells.Add(new JsonArray(a, p, rows, weight));
            }

            (double[] rowWeights, double[] columnWeights) = c.Marginals;
            o["counts"] = new JsonObject
            {
                ["labels"] = Strings(c.Labels),
                ["cells"] = cells,
                ["row_weights"] = state.IsWeighted ? Numbers(rowWeights) : null,
                ["column_weights"] = state.IsWeighted ? Numbers(columnWeights) : null,
            };
        }

        if (state.MultilabelCounts is MultilabelCountsAccumulator m)
        {
            MultilabelCounts counts = m.ToCounts();
            var perLabel = new JsonArray();
            foreach (BinaryCounts b in counts.Labels)
            {
                perLabel.Add(new JsonArray(b.TruePositives, b.FalsePositives, b.FalseNegatives));
            }

            var histogram = new JsonArray();
            foreach ((int tp, int fp, int fn, long rows, double weight) in counts.Samples.Triples.OrderBy(t => (t.TruePositives, t.FalsePositives, t.FalseNegatives)))
            {
                histogram.Add(new JsonArray(tp, fp, fn, rows, weight));
            }

            o["multilabel"] = new JsonObject
            {
                ["labels"] = Strings(state.LabelNames!),
                ["per_label"] = perLabel,
                ["histogram"] = histogram,
                ["rows"] = counts.Rows,
                ["total_weight"] = counts.TotalWeight,
                ["exact_match_weight"] = counts.ExactMatchWeight,
                ["mismatch_weight"] = counts.MismatchWeight,
            };
        }

        if (state.Scores is ScoreAccumulator s)
        {
            o["scores"] = new JsonObject
            {
                ["kind"] = state.ScoreKind.ToString().ToLowerInvariant(),
                ["columns"] = s.Columns,
                ["targets_per_row"] = s.TargetsPerRow,
                ["labels"] = state.ScoreLabels is null ? null : Strings(state.ScoreLabels),
                ["rows"] = s.Rows,
                ["encoding"] = "base64 little-endian: scores float64, targets int32, weights float64",
                ["scores"] = Base64(s.Scores),
                ["targets"] = Base64(s.Targets),
                ["weights"] = s.IsWeighted ? Base64(s.Weights) : null,
            };
        }

        return o;
    }

    /// <summary>The state as JSON text.</summary>
    public static string ToText(ReportState state) => Write(state).ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>Reads a state written by <see cref="Write"/>.</summary>
    /// <exception cref="FormatException">Not a Verdict state, another schema version, or a malformed field (named).</exception>
    public static ReportState Read(string json)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("The state is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The state is not valid JSON: {e.Message}", e);
        }

        string schema = (string?)o["schema"] ?? throw new FormatException("The state has no \"schema\"; it is not a Verdict state file.");
        if (schema != Schema)
        {
            throw new FormatException($"The state's schema is '{schema}'; this version of Verdict reads '{Schema}'.");
        }

        try
        {
            bool weighted = (bool)o["weighted"]!;
            TaskKind task = (string?)o["task"] == "multilabel" ? TaskKind.Multilabel : TaskKind.Multiclass;
            string[]? listed = o["listed_labels"] is JsonArray l ? StringArray(l) : null;
            LabelCountsAccumulator? counts = null;
            if (o["counts"] is JsonObject c)
            {
                string[] labels = StringArray(c["labels"]!.AsArray());
                var cells = c["cells"]!.AsArray().Select(x =>
                {
                    JsonArray a = x!.AsArray();
                    return ((int)a[0]!, (int)a[1]!, (long)a[2]!, (double)a[3]!);
                }).ToList();
                counts = LabelCountsAccumulator.Restore(weighted, labels, cells,
                    c["row_weights"] is JsonArray rw ? DoubleArray(rw) : null,
                    c["column_weights"] is JsonArray cw ? DoubleArray(cw) : null);
            }

            MultilabelCountsAccumulator? multilabel = null;
            string[]? labelNames = null;
            if (o["multilabel"] is JsonObject m)
            {
                labelNames = StringArray(m["labels"]!.AsArray());
                double total = (double)m["total_weight"]!;
                BinaryCounts[] perLabel = m["per_label"]!.AsArray().Select(x =>
                {
                    JsonArray a = x!.AsArray();
                    double tp = (double)a[0]!, fp = (double)a[1]!, fn = (double)a[2]!;
                    return new BinaryCounts(tp, fp, fn, total - tp - fp - fn);
                }).ToArray();
                var histogram = new Dictionary<(int, int, int), (long, double)>();
                foreach (JsonNode? x in m["histogram"]!.AsArray())
                {
                    JsonArray a = x!.AsArray();
                    histogram[((int)a[0]!, (int)a[1]!, (int)a[2]!)] = ((long)a[3]!, (double)a[4]!);
                }

                multilabel = MultilabelCountsAccumulator.FromCounts(
                    MultilabelCounts.FromSums(perLabel, histogram, (long)m["rows"]!, total, (double)m["exact_match_weight"]!, (double)m["mismatch_weight"]!),
                    weighted);
            }

            ScoreKind kind = ScoreKind.None;
            ScoreAccumulator? scores = null;
            string[]? scoreLabels = null;
            if (o["scores"] is JsonObject s)
            {
                kind = Enum.Parse<ScoreKind>((string)s["kind"]!, ignoreCase: true);
                scoreLabels = s["labels"] is JsonArray sl ? StringArray(sl) : null;
                scores = new ScoreAccumulator((int)s["columns"]!, (int)s["targets_per_row"]!, weighted);
                scores.Add(FromBase64<double>((string)s["scores"]!), FromBase64<int>((string)s["targets"]!),
                           s["weights"] is JsonValue w ? FromBase64<double>((string)w!) : default);
            }

            return ReportState.Restore(task, listed, (string?)o["positive"], weighted, counts, multilabel, labelNames, kind, scores,
                scoreLabels, StringArray(o["shard_ids"]!.AsArray()), StringArray(o["notes"]!.AsArray()));
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new FormatException($"The state file is damaged or incomplete: {e.Message}", e);
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);

    private static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);

    private static string[] StringArray(JsonArray a) => [.. a.Select(x => (string)x!)];

    private static double[] DoubleArray(JsonArray a) => [.. a.Select(x => (double)x!)];

    private static string Base64<T>(ReadOnlySpan<T> values)
        where T : struct
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("State files are written on little-endian machines.");
        }

        return Convert.ToBase64String(MemoryMarshal.AsBytes(values));
    }

    private static T[] FromBase64<T>(string text)
        where T : struct
    {
        byte[] bytes = Convert.FromBase64String(text);
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
