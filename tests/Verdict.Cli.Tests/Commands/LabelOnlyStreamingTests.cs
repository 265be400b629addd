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

    [Fact]
    public void Report_BinaryScoreFileOfManyBlocks_StreamedEqualsKeptColumns()
    {
        var random = new Random(23);
        var sb = new StringBuilder("y_true,y_pred,p,w\n");
        for (int i = 0; i < 800_000; i++)
        {
            bool positive = random.NextDouble() < 0.1;
            double p = Math.Round(Math.Clamp((positive ? 0.35 : 0.1) + (random.NextDouble() * 0.5), 0, 1), 4);
            sb.Append(positive ? '1' : '0').Append(',').Append(p >= 0.5 ? '1' : '0').Append(',')
              .Append(p.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(1 + (i % 4)).Append('\n');
        }

        string path = TempFile(sb.ToString());
        Assert.True(new FileInfo(path).Length > 2 * (4 << 20));
        foreach (string[] weight in new[] { Array.Empty<string>(), ["--weight", "w"] })
        {
            // With --positive the score column is streamed into the score accumulator; without it (positive "1"
            // inferred) the columns are read whole first. Both must give the same report.
            string[] common = ["report", path, "--predicted", "y_pred", "--score", "p", "--format", "json", "--no-log", .. weight];
            (int code, string streamed, string err) = Run([.. common, "--positive", "1"]);
            Assert.True(code == 0, err);
            (code, string kept, err) = Run(common);
            Assert.True(code == 0, err);

            JsonNode s = JsonNode.Parse(streamed)!, k = JsonNode.Parse(kept)!;
            Assert.Equal(k["confusion_matrix"]!.ToJsonString(), s["confusion_matrix"]!.ToJsonString());
            foreach (string metric in new[] { "roc_auc", "average_precision", "log_loss", "brier_score", "accuracy", "f1" })
            {
                Assert.NotNull(k["metrics"]![metric]);
                Assert.Equal((double)k["metrics"]![metric]!, (double)s["metrics"]![metric]!);
            }
        }
    }

    [Fact]
    public void Report_StreamedHardScores_Rejected()
    {
        string path = TempFile("y_true,y_pred,p\n1,1,1\n0,0,0\n1,0,0\n");

        (int code, _, string err) = Run("report", path, "--predicted", "y_pred", "--score", "p", "--positive", "1", "--no-log");

        Assert.Equal(2, code);
        Assert.Contains("score column 'p' hold only 0 and 1", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ThresholdedScoreFileStartingWithPositivesOnly_StreamedEqualsKeptColumns()
    {
        // No predicted column: predictions are score >= threshold. The first 400,000 rows (two read blocks) are all
        // positive, so the other label is not known until later and those rows are held back, then counted.
        var random = new Random(29);
        var sb = new StringBuilder("y_true,p,w\n");
        for (int i = 0; i < 900_000; i++)
        {
            bool positive = i < 400_000 || random.NextDouble() < 0.2;
            double p = Math.Round(Math.Clamp((positive ? 0.3 : 0.05) + (random.NextDouble() * 0.6), 0, 1), 5);
            sb.Append(positive ? '1' : '0').Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture)).Append(',')
              .Append((1 + (i % 3)) * 0.5).Append('\n');
        }

        string path = TempFile(sb.ToString());
        Assert.True(new FileInfo(path).Length > 2 * (4 << 20));
        foreach (string[] extra in new[] { Array.Empty<string>(), ["--weight", "w", "--threshold", "0.4"] })
        {
            string[] common = ["report", path, "--actual", "y_true", "--score", "p", "--format", "json", "--no-log", .. extra];
            (int code, string streamed, string err) = Run([.. common, "--positive", "1"]);
            Assert.True(code == 0, err);
            (code, string kept, err) = Run(common);
            Assert.True(code == 0, err);

            JsonNode s = JsonNode.Parse(streamed)!, k = JsonNode.Parse(kept)!;
            Assert.Equal(900_000, (long)s["rows"]!);
            Assert.Equal(k["confusion_matrix"]!.ToJsonString(), s["confusion_matrix"]!.ToJsonString());
            Assert.Equal(k["classification_report"]!.ToJsonString(), s["classification_report"]!.ToJsonString());
            foreach (string metric in new[] { "roc_auc", "average_precision", "log_loss", "accuracy", "f1", "matthews_corrcoef" })
            {
                Assert.Equal((double)k["metrics"]![metric]!, (double)s["metrics"]![metric]!);
            }
        }
    }

    [Theory]
    [InlineData("y_true,p\n1,0.9\n0,0.2\n2,0.4\n", "(found '1', '0', '2')")]
    [InlineData("y_true,p\n1,0.9\n1,0.2\n", "(found '1')")]
    public void Report_StreamedThresholdWithoutOneOtherLabel_SameErrorAsKept(string csv, string found)
    {
        string path = TempFile(csv);

        (int code, _, string err) = Run("report", path, "--actual", "y_true", "--score", "p", "--positive", "1", "--no-log");

        Assert.Equal(2, code);
        Assert.Contains("exactly one other label in the actual column " + found, err, StringComparison.Ordinal);
    }
}
