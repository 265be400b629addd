using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Tests.Reference;

namespace Verdict.Tests.Curves;

/// <summary>The sample CSVs (repository samples/) and their scikit-learn expectations (tests/data/expected/).</summary>
internal static class SampleData
{
    private static readonly Lazy<Fraud> FraudData = new(LoadFraud);
    private static readonly Lazy<Digits> DigitsData = new(LoadDigits);
    private static readonly Lazy<Multilabel> MultilabelData = new(LoadMultilabel);

    public static Fraud FraudSet => FraudData.Value;

    public static Digits DigitsSet => DigitsData.Value;

    public static Multilabel MultilabelSet => MultilabelData.Value;

    public static JsonObject Expected(string name)
    {
        string text = File.ReadAllText(Oracle.DataPath(Path.Combine("expected", name + ".expected.json")));
        return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions())!.AsObject();
    }

    /// <summary>Rows of a CSV with a header line; simple comma splitting (the samples have no quoted fields).</summary>
    public static (string[] Header, List<string[]> Rows) ReadCsv(string file)
    {
        string path = FindSample(file);
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        var rows = new List<string[]>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                rows.Add(lines[i].Split(','));
            }
        }

        return (header, rows);
    }

    public static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string FindSample(string file)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"samples/{file} not found above {AppContext.BaseDirectory}");
    }

    private static Fraud LoadFraud()
    {
        (string[] header, List<string[]> rows) = ReadCsv("fraud.csv");
        int label = Array.IndexOf(header, "label"), score = Array.IndexOf(header, "p_fraud");
        var positives = new bool[rows.Count];
        var scores = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            positives[i] = rows[i][label] == "fraud";
            scores[i] = Number(rows[i][score]);
        }

        return new Fraud(scores, positives);
    }

    private static Digits LoadDigits()
    {
        (string[] header, List<string[]> rows) = ReadCsv("digits.csv");
        int y = Array.IndexOf(header, "y_true"), p0 = Array.IndexOf(header, "p_0");
        const int k = 10;
        var labels = new int[rows.Count];
        var probabilities = new double[rows.Count * k];
        for (int i = 0; i < rows.Count; i++)
        {
            labels[i] = int.Parse(rows[i][y], CultureInfo.InvariantCulture);
            for (int c = 0; c < k; c++)
            {
                probabilities[(i * k) + c] = Number(rows[i][p0 + c]);
            }
        }

        return new Digits(labels, probabilities, k);
    }

    private static Multilabel LoadMultilabel()
    {
        (string[] header, List<string[]> rows) = ReadCsv("multilabel.csv");
        int k = header.Count(h => h.StartsWith("y_", StringComparison.Ordinal));
        int y0 = Array.IndexOf(header, "y_0"), p0 = Array.IndexOf(header, "p_0");
        var indicator = new bool[rows.Count * k];
        var scores = new double[rows.Count * k];
        for (int i = 0; i < rows.Count; i++)
        {
            for (int c = 0; c < k; c++)
            {
                indicator[(i * k) + c] = rows[i][y0 + c] == "1";
                scores[(i * k) + c] = Number(rows[i][p0 + c]);
            }
        }

        return new Multilabel(indicator, scores, k);
    }

    internal sealed record Fraud(double[] Scores, bool[] Positives);

    internal sealed record Digits(int[] Labels, double[] Probabilities, int ClassCount);

    internal sealed record Multilabel(bool[] Indicator, double[] Scores, int LabelCount);
}
