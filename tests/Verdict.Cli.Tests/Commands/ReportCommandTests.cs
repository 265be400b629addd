using System.Text.Json.Nodes;
using static Verdict.Cli.Tests.Commands.CliRunner;

namespace Verdict.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    [Fact]
    public void Report_DigitsText_ReproducesScikitLearnReportCharacterForCharacter()
    {
        (int code, string output, string err) = Run("report", Sample("digits.csv"));
        Assert.Equal(0, code);
        Assert.Equal("", err);
        string expected = (string)Expected("digits")["classification_report_text"]!;
        Assert.StartsWith(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_DigitsJsonWithScores_MatchesExpectedNumbers()
    {
        string[] cols = Enumerable.Range(0, 10).Select(i => $"p_{i}").ToArray();
        (int code, string output, _) = Run("report", Sample("digits.csv"), "--scores", string.Join(',', cols), "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        JsonObject e = Expected("digits");
        Assert.Equal("verdict/report/v1", (string)r["schema"]!);
        Assert.Equal("multiclass", (string)r["task"]!);
        Assert.Equal(1797, (int)r["rows"]!);
        Assert.Equal(e["confusion_matrix"]!.ToJsonString(), r["confusion_matrix"]!.ToJsonString());
        foreach ((string key, JsonNode? row) in e["classification_report"]!.AsObject())
        {
            if (row is JsonObject o)
            {
                foreach ((string metric, JsonNode? v) in o)
                {
                    Close(v!.GetValue<double>(), r["classification_report"]![key]![metric], $"{key}.{metric}");
                }
            }
            else
            {
                Close(row!.GetValue<double>(), r["classification_report"]![key], key);
            }
        }

        JsonNode m = r["metrics"]!;
        Close((double)e["accuracy"]!, m["accuracy"], "accuracy");
        Close((double)e["balanced_accuracy"]!, m["balanced_accuracy"], "balanced_accuracy");
        Close((double)e["matthews_corrcoef"]!, m["matthews_corrcoef"], "mcc");
        Close((double)e["cohen_kappa"]!, m["cohen_kappa"], "kappa");
        Close((double)e["roc_auc_ovr_macro"]!, m["roc_auc"]!["ovr_macro"], "ovr macro");
        Close((double)e["roc_auc_ovr_weighted"]!, m["roc_auc"]!["ovr_weighted"], "ovr weighted");
        Close((double)e["roc_auc_ovo_macro"]!, m["roc_auc"]!["ovo_macro"], "ovo macro");
        Close((double)e["log_loss"]!, m["log_loss"], "log loss");
        Close((double)e["top_2_accuracy"]!, m["top_k_accuracy"]!["2"], "top-2");
    }

    [Fact]
    public void Report_BreastCancerWithPositive_MatchesExpectedNumbersAndText()
    {
        (int code, string output, _) = Run("report", Sample("breast_cancer.csv"), "--actual", "diagnosis", "--predicted", "predicted",
            "--positive", "malignant", "--score", "p_malignant", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        JsonObject e = Expected("breast_cancer");
        Assert.Equal("malignant", (string)r["positive"]!);
        Assert.Equal("[\"benign\",\"malignant\"]", r["labels"]!.ToJsonString());
        foreach (string k in new[] { "accuracy", "balanced_accuracy", "matthews_corrcoef", "precision", "recall", "f1", "roc_auc", "average_precision", "brier_score", "log_loss" })
        {
            string key = k == "cohen_kappa" ? "cohen_kappa" : k;
            Close((double)e[k]!, r["metrics"]![key], k);
        }

        Close((double)e["cohen_kappa"]!, r["metrics"]!["cohen_kappa"], "kappa");
        (_, string text, _) = Run("report", Sample("breast_cancer.csv"), "--actual", "diagnosis", "--predicted", "predicted");
        Assert.StartsWith((string)e["classification_report_text"]!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FraudWithScore_MatchesExpectedNumbers()
    {
        (int code, string output, _) = Run("report", Sample("fraud.csv"), "--actual", "label", "--predicted", "predicted",
            "--positive", "fraud", "--score", "p_fraud", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        JsonObject e = Expected("fraud");
        Assert.Equal(e["confusion_matrix"]!.ToJsonString(), r["confusion_matrix"]!.ToJsonString());
        foreach (string k in new[] { "accuracy", "balanced_accuracy", "matthews_corrcoef", "cohen_kappa", "roc_auc", "average_precision", "brier_score", "log_loss" })
        {
            Close((double)e[k]!, r["metrics"]![k], k);
        }

        Close(0.668751954957773, r["metrics"]!["recall"], "fraud recall");
    }

    [Fact]
    public void Report_FraudScoreWithoutPredictedColumn_ThresholdsAtHalfLikeThePredictedColumn()
    {
        string csv = "label,p_fraud\nfraud,0.9\nlegit,0.2\nfraud,0.4\nlegit,0.5\n";
        string path = TempFile(csv);
        (int code, string output, _) = Run("report", path, "--actual", "label", "--score", "p_fraud", "--positive", "fraud", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        Assert.Equal("[[1,1],[1,1]]", r["confusion_matrix"]!.ToJsonString());
        Assert.Contains(r["undefined"]!.AsArray(), n => ((string)n!).Contains("score >= 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_MultilabelScoresAtThreshold_MatchesExpectedReportAndAucs()
    {
        (int code, string output, _) = Run("report", Sample("multilabel.csv"), "--task", "multilabel", "--actual", "y_0,y_1,y_2,y_3,y_4",
            "--scores", "p_0,p_1,p_2,p_3,p_4", "--threshold", "0.5", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        JsonObject e = Expected("multilabel");
        Close((double)e["subset_accuracy"]!, r["metrics"]!["accuracy"], "subset accuracy");
        Close((double)e["hamming_loss"]!, r["metrics"]!["hamming_loss"], "hamming");
        foreach (string avg in new[] { "micro", "macro", "weighted" })
        {
            Close((double)e["roc_auc"]![avg]!, r["metrics"]!["roc_auc"]![avg], "roc_auc " + avg);
            Close((double)e["average_precision"]![avg]!, r["metrics"]!["average_precision"]![avg], "ap " + avg);
        }

        Close((double)e["average_precision"]!["samples"]!, r["metrics"]!["average_precision"]!["samples"], "ap samples");
        Close((double)e["classification_report"]!["samples avg"]!["f1-score"]!, r["classification_report"]!["samples avg"]!["f1-score"], "samples f1");
        (_, string text, _) = Run("report", Sample("multilabel.csv"), "--task", "multilabel", "--actual", "y_0,y_1,y_2,y_3,y_4",
            "--scores", "p_0,p_1,p_2,p_3,p_4");
        Assert.StartsWith((string)e["classification_report_text"]!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MultilabelFileOfManyBlocks_StreamsToTheSameNumbers()
    {
        // The sample repeated 50 times (about 16 MB: several read blocks): every row repeated the same number of
        // times leaves accuracy, Hamming loss, ROC AUC and average precision unchanged and multiplies supports.
        string[] lines = File.ReadAllLines(Sample("multilabel.csv"));
        var sb = new System.Text.StringBuilder(lines[0]).Append('\n');
        for (int copy = 0; copy < 50; copy++)
        {
            foreach (string line in lines.Skip(1))
            {
                sb.Append(line).Append('\n');
            }
        }

        string path = TempFile(sb.ToString());
        Assert.True(new FileInfo(path).Length > 3 * (4 << 20));
        (int code, string output, string err) = Run("report", path, "--task", "multilabel", "--actual", "y_0,y_1,y_2,y_3,y_4",
            "--scores", "p_0,p_1,p_2,p_3,p_4", "--threshold", "0.5", "--format", "json", "--no-log");

        Assert.True(code == 0, err);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        JsonObject e = Expected("multilabel");
        Assert.Equal(50L * (lines.Length - 1), (long)r["rows"]!);
        Close((double)e["subset_accuracy"]!, r["metrics"]!["accuracy"], "subset accuracy");
        Close((double)e["hamming_loss"]!, r["metrics"]!["hamming_loss"], "hamming");
        foreach (string avg in new[] { "micro", "macro", "weighted" })
        {
            Close((double)e["roc_auc"]![avg]!, r["metrics"]!["roc_auc"]![avg], "roc_auc " + avg);
            Close((double)e["average_precision"]![avg]!, r["metrics"]!["average_precision"]![avg], "ap " + avg);
        }

        Close((double)e["classification_report"]!["samples avg"]!["f1-score"]!, r["classification_report"]!["samples avg"]!["f1-score"], "samples f1");
        Close(50 * (double)e["classification_report"]!["micro avg"]!["support"]!, r["classification_report"]!["micro avg"]!["support"], "support");
    }

    [Theory]
    [InlineData("markdown", "| class | precision | recall | f1-score | support |")]
    [InlineData("csv", "section,name,metric,value")]
    [InlineData("text", "weighted avg")]
    public void Report_Formats_RenderTheReport(string format, string fragment)
    {
        (int code, string output, _) = Run("report", Sample("breast_cancer.csv"), "--actual", "diagnosis", "--predicted", "predicted", "--format", format);
        Assert.Equal(0, code);
        Assert.Contains(fragment, output, StringComparison.Ordinal);
        Assert.Contains("malignant", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OutputFile_WrittenOnlyOnSuccess()
    {
        string output = Path.Combine(Path.GetTempPath(), "verdict-out-" + Guid.NewGuid().ToString("N") + ".json");
        (int bad, _, _) = Run("report", Sample("breast_cancer.csv"), "--actual", "nope", "--output", output);
        Assert.Equal(2, bad);
        Assert.False(File.Exists(output));
        (int good, string stdout, _) = Run("report", Sample("breast_cancer.csv"), "--actual", "diagnosis", "--predicted", "predicted", "--format", "json", "--output", output);
        Assert.Equal(0, good);
        Assert.Equal("", stdout);
        Assert.Equal("verdict/report/v1", (string)JsonNode.Parse(File.ReadAllText(output))!["schema"]!);
        File.Delete(output);
    }

    [Fact]
    public void Report_StandardInput_ReadsCsv()
    {
        (int code, string output, _) = RunWithInput("y_true,y_pred\na,a\nb,a\nb,b\n", "report", "-", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("[[1,0],[1,1]]", JsonNode.Parse(output)!["confusion_matrix"]!.ToJsonString());
    }

    [Fact]
    public void Report_LabelsSubsetAndAbsentLabel_ReportsThemInOrderWithNote()
    {
        (int code, string output, _) = RunWithInput("y_true,y_pred\na,a\nb,a\nc,c\n", "report", "-", "--labels", "c,a,zzz", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        Assert.Equal("[\"c\",\"a\",\"zzz\"]", r["labels"]!.ToJsonString());
        Assert.True(r["classification_report"]!.AsObject().ContainsKey("micro avg"));
        Assert.Contains(r["undefined"]!.AsArray(), n => ((string)n!).Contains("'zzz'", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_ZeroDivisionNan_UndefinedCellsAreNullWithNotes()
    {
        (int code, string output, _) = RunWithInput("y_true,y_pred\na,a\na,b\n", "report", "-", "--zero-division", "nan", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        Assert.Null(r["classification_report"]!["b"]!["recall"]);
        Assert.Contains(r["undefined"]!.AsArray(), n => ((string)n!).Contains("recall of 'b' is undefined", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_Weighted_SupportIsWeightSum()
    {
        (int code, string output, _) = RunWithInput("y_true,y_pred,w\na,a,0.5\nb,a,2\nb,b,1.5\n", "report", "-", "--weight", "w", "--format", "json");
        Assert.Equal(0, code);
        Close(3.5, JsonNode.Parse(output)!["classification_report"]!["b"]!["support"], "weighted support");
    }

    [Theory]
    [InlineData("y_true,y_pred\n", new[] { "report", "-" }, "no data rows")]
    [InlineData("a,b\n1,2\n", new[] { "report", "-" }, "no column for the actual labels")]
    [InlineData("y_true,y_pred\n1,2\n", new[] { "report", "-", "--actual", "y_tru" }, "did you mean 'y_true'")]
    [InlineData("y_true,y_pred\n1,2\n3\n", new[] { "report", "-" }, "line 3")]
    [InlineData("y_true,y_pred\n1,2\n", new[] { "report", "-", "--labels", "7,8" }, "none of the labels in --labels")]
    [InlineData("y_true,y_pred\na,b\n", new[] { "report", "-", "--positive", "c" }, "--positive 'c' does not occur")]
    [InlineData("y_true,y_pred,w\na,b,-1\n", new[] { "report", "-", "--weight", "w" }, "line 2, column w: '-1' is negative")]
    [InlineData("y_true,y_pred,w\na,b,nan\n", new[] { "report", "-", "--weight", "w" }, "line 2, column w")]
    [InlineData("a0,a1,p0,p1\n1,0,2,0\n", new[] { "report", "-", "--task", "multilabel", "--actual", "a0,a1", "--predicted", "p0,p1" }, "column p0: '2' is not 0 or 1")]
    [InlineData("y_true,y_pred\n1,2\n", new[] { "report", "-", "--zero-division", "maybe" }, "--zero-division 'maybe'")]
    public void Report_BadInput_ExitsTwoWithClearMessage(string csv, string[] args, string fragment)
    {
        (int code, string output, string err) = RunWithInput(csv, args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(fragment, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MissingFile_ExitsTwoNamingTheFile()
    {
        (int code, _, string err) = Run("report", "/nonexistent/preds.csv");
        Assert.Equal(2, code);
        Assert.Contains("preds.csv", err, StringComparison.Ordinal);
        Assert.Contains("not found", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownOption_ExitsTwo()
    {
        (int code, _, string err) = Run("report", Sample("digits.csv"), "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsCommandsAndExitCodes()
    {
        (int code, string output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("report", output, StringComparison.Ordinal);
        Assert.Contains("calc", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", output, StringComparison.Ordinal);
    }
}
