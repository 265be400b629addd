using System.Text.Json.Nodes;
using static Verdict.Cli.Tests.Commands.CliRunner;

namespace Verdict.Cli.Tests.Commands;

public sealed class CalcCurvesThresholdsTests
{
    [Fact]
    public void Calc_ExplainerTable_MacroF1AndMicroF1AndWarning()
    {
        (int code, string output, _) = RunWithInput("class,tp,fp,fn\na,10,2,3\nb,20,10,12\nc,5,1,1\n", "calc", "-", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(0.7595, Math.Round((double)r["macro"]!["f1"]!, 4));
        Assert.Equal(0.7071, Math.Round((double)r["micro"]!["f1"]!, 4));
        Assert.Single(r["warnings"]!.AsArray());
        Assert.Equal(3, r["per_class"]!.AsArray().Count);
        Assert.Null(r["per_class"]![0]!["tn"]);
    }

    [Fact]
    public void Calc_CalculatorPageTotals_MicroScoresAndAccuracy()
    {
        (int code, string output, _) = RunWithInput("class,tp,fp,fn,tn\na,120,10,20,200\nb,90,20,10,230\nc,50,10,20,220\n", "calc", "-", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(0.8667, Math.Round((double)r["micro"]!["precision"]!, 4));
        Assert.Equal(0.8387, Math.Round((double)r["micro"]!["recall"]!, 4));
        Assert.Equal(0.8525, Math.Round((double)r["micro"]!["f1"]!, 4));
        Assert.Equal(0.91, Math.Round((double)r["micro"]!["accuracy"]!, 4));
        Assert.Equal(650, (long)r["totals"]!["tn"]!);
    }

    [Fact]
    public void Calc_TextFormat_ShowsAveragesAndTotals()
    {
        (int code, string output, _) = RunWithInput("class,tp,fp,fn\na,10,2,3\nb,20,10,12\nc,5,1,1\n", "calc", "-");
        Assert.Equal(0, code);
        Assert.Contains("0.7595", output, StringComparison.Ordinal);
        Assert.Contains("totals: TP 35, FP 13, FN 16", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class,tp,fp,fn\na,-1,0,0\n", "line 2, column tp: '-1' is not a whole number >= 0")]
    [InlineData("class,tp,fp,fn\na,1.5,0,0\n", "'1.5' is not a whole number")]
    [InlineData("class,tp,fp\na,1,0\n", "no 'fn' column")]
    [InlineData("class,tp,fp,fn\na,1,0,0\na,2,0,0\n", "Class 'a' appears twice")]
    public void Calc_BadCounts_ExitTwo(string csv, string fragment)
    {
        (int code, _, string err) = RunWithInput(csv, "calc", "-");
        Assert.Equal(2, code);
        Assert.Contains(fragment, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Curves_FraudJson_ScikitLearnShapesAndInfinity()
    {
        (int code, string output, _) = Run("curves", Sample("fraud.csv"), "--actual", "label", "--score", "p_fraud", "--positive", "fraud");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        Close(0.9612400158033834, r["roc_auc"], "auc");
        Close(0.8226978151608612, r["average_precision"], "ap");
        JsonArray thresholds = r["roc"]!["thresholds"]!.AsArray();
        Assert.Equal("Infinity", (string)thresholds[0]!);
        Assert.Equal(thresholds.Count, r["roc"]!["fpr"]!.AsArray().Count);
        Assert.Equal(r["pr"]!["precision"]!.AsArray().Count, r["pr"]!["thresholds"]!.AsArray().Count + 1);
        Assert.Equal(1.0, (double)r["pr"]!["precision"]!.AsArray()[^1]!);
        Assert.Equal(0.0, (double)r["pr"]!["recall"]!.AsArray()[^1]!);
        (_, string full, _) = Run("curves", Sample("fraud.csv"), "--actual", "label", "--score", "p_fraud", "--positive", "fraud", "--drop-intermediate", "false");
        Assert.True(JsonNode.Parse(full)!["roc"]!["fpr"]!.AsArray().Count > thresholds.Count);
    }

    [Fact]
    public void Curves_Csv_HasOneRowPerPoint()
    {
        (int code, string output, _) = RunWithInput("y_true,s\n0,0.1\n1,0.9\n0,0.8\n1,0.4\n", "curves", "-", "--score", "s", "--format", "csv");
        Assert.Equal(0, code);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("curve,point,threshold,fpr,tpr,precision,recall,fnr", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("roc,0,Infinity,0,0", StringComparison.Ordinal));
    }

    [Fact]
    public void Thresholds_FraudGrid_MatchesExpectedSweep()
    {
        (int code, string output, _) = Run("thresholds", Sample("fraud.csv"), "--actual", "label", "--score", "p_fraud", "--positive", "fraud",
            "--grid", "0.1,0.2,0.3,0.4,0.5,0.6,0.7", "--format", "json");
        Assert.Equal(0, code);
        JsonObject r = JsonNode.Parse(output)!.AsObject();
        JsonObject e = Expected("fraud")["at_thresholds"]!.AsObject();
        JsonArray rows = r["rows"]!.AsArray();
        Assert.Equal(7, rows.Count);
        foreach (JsonNode? row in rows)
        {
            string key = ((double)row!["threshold"]!).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            Close((double)e[key]!["precision"]!, row["precision"], key + " precision");
            Close((double)e[key]!["recall"]!, row["recall"], key + " recall");
            Close((double)e[key]!["f1"]!, row["f1"], key + " f1");
        }

        Assert.Null(r["best"]);
    }

    [Fact]
    public void Thresholds_OptimizeF1_FindsExpectedBestThreshold()
    {
        (int code, string output, _) = Run("thresholds", Sample("fraud.csv"), "--actual", "label", "--score", "p_fraud", "--positive", "fraud",
            "--optimize", "f1", "--format", "json");
        Assert.Equal(0, code);
        JsonObject best = JsonNode.Parse(output)!["best"]!.AsObject();
        JsonObject e = Expected("fraud")["best_f1"]!.AsObject();
        Close((double)e["threshold"]!, best["threshold"], "threshold");
        Close((double)e["f1"]!, best["f1"], "f1");
        Close((double)e["precision"]!, best["precision"], "precision");
        Close((double)e["recall"]!, best["recall"], "recall");
    }

    [Fact]
    public void Thresholds_RecallSubjectToPrecision_MeetsTheConstraint()
    {
        (int code, string output, _) = Run("thresholds", Sample("fraud.csv"), "--actual", "label", "--score", "p_fraud", "--positive", "fraud",
            "--optimize", "recall", "--min-precision", "0.8", "--format", "json");
        Assert.Equal(0, code);
        JsonObject best = JsonNode.Parse(output)!["best"]!.AsObject();
        Assert.True((double)best["precision"]! >= 0.8);
        Assert.True((double)best["recall"]! > 0.7);
    }

    [Theory]
    [InlineData(new[] { "--optimize", "bogus" }, "--optimize 'bogus'")]
    [InlineData(new[] { "--min-precision", "0.8" }, "constrain --optimize")]
    [InlineData(new string[0], "give --grid")]
    [InlineData(new[] { "--grid", "0.5,x" }, "'x' is not a number")]
    public void Thresholds_BadOptions_ExitTwo(string[] extra, string fragment)
    {
        string[] args = new[] { "thresholds", "-", "--score", "s" }.Concat(extra).ToArray();
        (int code, _, string err) = RunWithInput("y_true,s\n0,0.1\n1,0.9\n", args);
        Assert.Equal(2, code);
        Assert.Contains(fragment, err, StringComparison.Ordinal);
    }
}
