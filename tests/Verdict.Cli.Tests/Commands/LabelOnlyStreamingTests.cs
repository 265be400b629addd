using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static Verdict.Cli.Tests.Commands.CliRunner;

namespace Verdict.Cli.Tests.Commands;

/// <summary>
/// A label-only report is counted block by block as the file is read; on a file of several read blocks (4 MiB each)
/// whose labels first appear late, it gives the counts of the whole file, computed here independently.
/// </summary>
public sealed class LabelOnlyStreamingTests
{
    private static (string Path, string[] Actual, string[] Predicted, double[] Weights) LargeFile()
    {
        const int rows = 1_100_000; // about 13 MB: four read blocks
        var random = new Random(17);
        var actual = new string[rows];
        var predicted = new string[rows];
        var weights = new double[rows];
        var sb = new StringBuilder("y_true,y_pred,w\n");
        for (int i = 0; i < rows; i++)
        {
            int classes = i < rows / 2 ? 3 : 6; // "d3".."d5" first appear in the third block
            actual[i] = "d" + random.Next(classes).ToString(CultureInfo.InvariantCulture);
            predicted[i] = random.NextDouble() < 0.6 ? actual[i] : "d" + random.Next(classes).ToString(CultureInfo.InvariantCulture);
            weights[i] = (random.Next(1, 8) * 0.25) + 0.001;
            sb.Append(actual[i]).Append(',').Append(predicted[i]).Append(',')
              .Append(weights[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return (TempFile(sb.ToString()), actual, predicted, weights);
    }

    [Fact]
    public void Report_LabelOnlyFileOfManyBlocks_CountsEveryRow()
    {
        (string path, string[] actual, string[] predicted, _) = LargeFile();
        Assert.True(new FileInfo(path).Length > 3 * (4 << 20));

        (int code, string output, string err) = Run("report", path, "--format", "json", "--no-log");

        Assert.True(code == 0, err);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        string[] labels = [.. actual.Concat(predicted).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(labels, r["labels"]!.AsArray().Select(n => (string)n!));
        var matrix = new long[labels.Length, labels.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            matrix[Array.IndexOf(labels, actual[i]), Array.IndexOf(labels, predicted[i])]++;
        }

        JsonArray m = r["confusion_matrix"]!.AsArray();
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < labels.Length; j++)
            {
                Assert.Equal(matrix[i, j], (long)m[i]![j]!);
            }
        }

        Assert.Equal(actual.Length, (long)r["rows"]!);
        double accuracy = actual.Zip(predicted).Count(x => x.First == x.Second) / (double)actual.Length;
        Close(accuracy, r["metrics"]!["accuracy"], "accuracy");
    }

    [Fact]
    public void Report_WeightedLabelOnlyFileOfManyBlocks_WeighsEveryRow()
    {
        (string path, string[] actual, string[] predicted, double[] weights) = LargeFile();

        (int code, string output, string err) = Run("report", path, "--weight", "w", "--format", "json", "--no-log");

        Assert.True(code == 0, err);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        double correct = 0, total = 0, supportD4 = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            total += weights[i];
            correct += actual[i] == predicted[i] ? weights[i] : 0;
            supportD4 += actual[i] == "d4" ? weights[i] : 0;
        }

        Close(correct / total, r["metrics"]!["accuracy"], "weighted accuracy");
        Close(supportD4, r["classification_report"]!["d4"]!["support"], "weighted support of d4");
    }
}
