using Verdict.Cli.Tracking;
using Verdict.Curves;
using Verdict.Reports;
using Verdict.Thresholds;

namespace Verdict.Cli.Tests.Tracking;

public sealed class RunRecordTests
{
    [Fact]
    public void FromReport_Binary_FlattensMetricsAveragesGroupsAndClasses()
    {
        EvaluationReport report = Samples.BreastCancer();

        RunRecord run = RunRecord.FromReport(report, "report", "in.csv", threshold: 0.5, averaging: "binary");

        string[] keys = [.. run.Metrics.Select(m => m.Key)];
        Assert.Equal(
            ["accuracy", "balanced_accuracy", "matthews_corrcoef", "cohen_kappa", "hamming_loss", "precision", "recall", "f1",
             "roc_auc", "average_precision", "log_loss", "brier_score",
             "precision_micro", "recall_micro", "f1_micro", "precision_macro", "recall_macro", "f1_macro",
             "precision_weighted", "recall_weighted", "f1_weighted", "jaccard_micro", "jaccard_macro", "jaccard_weighted"],
            keys);
        Assert.Equal(report.Metrics.Single(m => m.Name == "accuracy").Value, run.Metric("accuracy"));
        Assert.Equal(report.Metrics.Single(m => m.Name == "roc_auc").Value, run.Metric("roc_auc"));
        ReportRow macro = report.ClassificationReport.Averages.Single(r => r.Name == "macro avg");
        Assert.Equal(macro.FScore, run.Metric("f1_macro"));
        Assert.Equal(macro.Precision, run.Metric("precision_macro"));
        ReportRow malignant = report.ClassificationReport.Classes.Single(r => r.Name == "malignant");
        Assert.Equal(malignant.Precision, run.Metric("precision_malignant"));
        Assert.Equal(malignant.Recall, run.Metric("recall_malignant"));
        Assert.Equal(malignant.FScore, run.Metric("f1_malignant"));
        Assert.Equal(malignant.Support, run.Metric("support_malignant"));
        Assert.Equal(["precision_benign", "recall_benign", "f1_benign", "support_benign", "precision_malignant", "recall_malignant", "f1_malignant", "support_malignant"],
            run.PerClass.Select(c => c.Key));
        Assert.All(run.PerClass, c => Assert.Equal(c.Metric + "_" + c.Class, c.Key));
        Assert.Equal("malignant", run.Positive);
        Assert.Equal("binary", run.Task);
        Assert.Equal(569, run.Rows);
        Assert.Equal(0.5, run.Threshold);
        Assert.Equal("binary", run.Averaging);
        Assert.Equal("report", run.Command);
        Assert.Null(run.InputSha256);
        Assert.Null(run.Gate);
    }

    [Fact]
    public void FromReport_MulticlassScores_AddsGroupKeysAndPerClassAuc()
    {
        RunRecord run = RunRecord.FromReport(Samples.Digits(), "report");

        Assert.NotNull(run.Metric("roc_auc_ovr_macro"));
        Assert.NotNull(run.Metric("roc_auc_ovo_weighted"));
        Assert.NotNull(run.Metric("average_precision_macro"));
        Assert.NotNull(run.Metric("top_k_accuracy_2"));
        Assert.NotNull(run.Metric("log_loss"));
        Assert.Null(run.Metric("precision"));
        Assert.Equal(10 * 6, run.PerClass.Count);
        Assert.Equal(["precision", "recall", "f1", "support", "roc_auc", "average_precision"],
            run.PerClass.Where(c => c.Class == "3").Select(c => c.Metric));
        Assert.Contains(run.PerClass, c => c.Key == "roc_auc_3");
        Assert.Equal("multiclass", run.Task);
    }

    [Fact]
    public void FromReport_Multilabel_HasSamplesAverage()
    {
        RunRecord run = RunRecord.FromReport(Samples.Multilabel(), "report");

        Assert.NotNull(run.Metric("f1_samples"));
        Assert.NotNull(run.Metric("precision_micro"));
        Assert.NotNull(run.Metric("roc_auc_samples"));
        Assert.NotNull(run.Metric("jaccard_samples"));
        Assert.NotNull(run.Metric("f1_4"));
        Assert.Equal("multilabel", run.Task);
    }

    [Fact]
    public void FromReport_AllKeysAreValidMlflowNamesAndUnique()
    {
        foreach (EvaluationReport report in new[] { Samples.BreastCancer(), Samples.Digits(), Samples.Multilabel() })
        {
            RunRecord run = RunRecord.FromReport(report, "report");
            string[] keys = [.. run.AllMetrics().Select(m => m.Key)];
            Assert.Equal(keys.Length, keys.Distinct().Count());
            Assert.All(keys, k => Assert.Matches("^[A-Za-z0-9_.-]{1,250}$", k));
        }
    }

    [Fact]
    public void FromReport_Spec_IsHashedAsUtf8()
    {
        RunRecord run = RunRecord.FromReport(Samples.BreastCancer(), "gate", spec: "abc", gate: GateOutcome.Fail, gateFailures: ["f1 0.7 < 0.8"]);

        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", run.SpecSha256);
        Assert.Equal(GateOutcome.Fail, run.Gate);
        Assert.Equal(["f1 0.7 < 0.8"], run.GateFailures);
    }

    [Fact]
    public void FromThresholds_SelectedPoint_UnsuffixedMetricsAndGridRows()
    {
        double[] scores = [0.1, 0.4, 0.35, 0.8];
        bool[] positives = [false, false, true, true];
        BinaryCurve curve = BinaryCurve.Compute(scores, positives);
        ThresholdTable table = ThresholdTable.Create(curve, "1", [0.3, 0.5], new ThresholdObjective(ObjectiveKind.FBeta));

        RunRecord run = RunRecord.FromThresholds(table, "in.csv");

        Assert.Equal("thresholds", run.Command);
        Assert.Equal(table.Best!.Value.Threshold, run.Threshold);
        Assert.NotNull(run.Metric("f1"));
        Assert.NotNull(run.Metric("objective_value"));
        Assert.Equal(table.Best!.Value.Counts.TruePositives, run.Metric("tp"));
        Assert.Equal(0.5, run.Metric("recall_at_0.5"));
        Assert.Equal(1.0, run.Metric("recall_at_0.3"));
    }
}
