using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.Tests.Reference;

/// <summary>One scikit-learn reference case from tests/data/cases.jsonl.gz (a copy of the shared oracle).</summary>
public sealed record OracleCase(string Id, string Fn, JsonObject Args, JsonObject Inputs, JsonNode? Expected)
{
    public override string ToString() => Id;

    public bool ExpectsError => Expected is JsonObject o && o.ContainsKey("error");

    public JsonNode? Input(string name) => Inputs[name];

    public JsonNode? Arg(string name) => Args[name];

    /// <summary>A 1-D label array as strings ("0", "cat"), as a CSV column would give them.</summary>
    public string[] Labels(string name) => Oracle.Strings(Inputs[name]!.AsArray());

    public double[] Doubles(string name) => Oracle.Doubles(Inputs[name]!.AsArray());

    public double[]? Weights => Inputs["sample_weight"] is JsonArray w ? Oracle.Doubles(w) : null;

    public string[]? LabelsParam => Inputs["labels"] is JsonArray l ? Oracle.Strings(l) : null;

    /// <summary>Whether an input is a 2-D array (multilabel indicator or score matrix).</summary>
    public bool Is2D(string name) => Inputs[name] is JsonArray a && a.Count > 0 && a[0] is JsonArray;

    public double[][] Matrix(string name) => Oracle.Matrix(Inputs[name]!.AsArray());
}

public static class Oracle
{
    private static readonly Lazy<IReadOnlyList<OracleCase>> All = new(Load);

    public static IReadOnlyList<OracleCase> Cases => All.Value;

    public static IEnumerable<OracleCase> Of(params string[] fns) => Cases.Where(c => fns.Contains(c.Fn));

    /// <summary>xunit theory data: case ids of the given functions.</summary>
    public static TheoryData<string> Ids(params string[] fns)
    {
        var data = new TheoryData<string>();
        foreach (OracleCase c in Of(fns))
        {
            data.Add(c.Id);
        }

        return data;
    }

    public static OracleCase Get(string id) => Cases.First(c => c.Id == id);

    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "data", file);

    private static List<OracleCase> Load()
    {
        var list = new List<OracleCase>();
        using var file = File.OpenRead(DataPath("cases.jsonl.gz"));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            JsonObject o = JsonNode.Parse(line)!.AsObject();
            list.Add(new OracleCase((string)o["id"]!, (string)o["fn"]!, o["args"]!.AsObject(), o["inputs"]!.AsObject(), o["expected"]));
        }

        return list;
    }

    public static double ToDouble(JsonNode? n) => n switch
    {
        null => double.NaN,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => double.Parse((string)v!, CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => 1,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => 0,
        JsonValue v when v.TryGetValue(out long l) => l,
        JsonValue v => v.GetValue<double>(),
        _ => throw new InvalidOperationException($"Not a number: {n.ToJsonString()}"),
    };

    public static string ToLabel(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? (string)v!
        : n!.ToJsonString();

    public static string[] Strings(JsonArray a) => a.Select(ToLabel).ToArray();

    public static double[] Doubles(JsonArray a) => a.Select(ToDouble).ToArray();

    public static double[][] Matrix(JsonArray a) => a.Select(r => Doubles(r!.AsArray())).ToArray();

    /// <summary>Relative 1e-9 (absolute 1e-12 near 0); NaN equals NaN; infinities equal themselves.</summary>
    public static bool Close(double expected, double actual, double rel = 1e-9)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        return Math.Abs(expected - actual) <= Math.Max(rel * Math.Max(Math.Abs(expected), Math.Abs(actual)), 1e-12);
    }

    public static void AssertClose(double expected, double actual, string what, double rel = 1e-9)
    {
        Assert.True(Close(expected, actual, rel), $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    public static void AssertClose(JsonNode? expected, IReadOnlyList<double> actual, string what, double rel = 1e-9)
    {
        double[] e = Doubles(expected!.AsArray());
        Assert.True(e.Length == actual.Count, $"{what}: expected {e.Length} values, got {actual.Count}");
        for (int i = 0; i < e.Length; i++)
        {
            AssertClose(e[i], actual[i], $"{what}[{i}]", rel);
        }
    }
}
