using Verdict.Curves;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;
using Verdict.Thresholds;
using Verdict.Tracking;

namespace Verdict.Tests.Tracking;

public sealed class RunMetricsTests
{
    /// <summary>Per-class TP, FP, FN of the sample, counted row by row.</summary>
    private static (long Tp, long Fp, long Fn) Count(string cls)
    {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < TrackingSamples.Actual.Length; i++)
        {
            bool a = TrackingSamples.Actual[i] == cls, p = TrackingSamples.Predicted[i] == cls;
            tp += a && p ? 1 : 0;
            fp += !a && p ? 1 : 0;
            fn += a && !p ? 1 : 0;
        }

        return (tp, fp, fn);
    }

    private static double Precision(string cls) => Count(cls) is var c && c.Tp + c.Fp > 0 ? (double)c.Tp / (c.Tp + c.Fp) : 0;

    private static double Recall(string cls) => Count(cls) is var c && c.Tp + c.Fn > 0 ? (double)c.Tp / (c.Tp + c.Fn) : 0;

    private static double F1(string cls) => Count(cls) is var c ? 2.0 * c.Tp / ((2.0 * c.Tp) + c.Fp + c.Fn) : 0;

    private static readonly string[] Classes = ["card not present", "fraud", "legit"];

    [Fact]
    public void FromReport_SmallLabelSet_ValuesCountedByHand()
    {
        RunMetrics m = RunMetrics.FromReport(TrackingSamples.Report());

        // fraud: TP 2, FP 1, FN 1; legit: TP 4, FP 2, FN 1; card not present: TP 1, FP 0, FN 1.
        Assert.Equal((2, 1, 1), Count("fraud"));
        Assert.Equal((4, 2, 1), Count("legit"));
        Assert.Equal((1, 0, 1), Count("card not present"));
        double support(string c) => TrackingSamples.Actual.Count(a => a == c);
        Assert.Equal(0.7, m["accuracy"], 12);
        Assert.Equal(0.7, m["f1_micro"], 12);
        Assert.Equal(0.3, m["hamming_loss"], 12);
        Assert.Equal(Classes.Average(Recall), m["balanced_accuracy"], 12);
        Assert.Equal(Classes.Average(Precision), m["precision_macro"], 12);
        Assert.Equal(Classes.Average(Recall), m["recall_macro"], 12);
        Assert.Equal(Classes.Average(F1), m["f1_macro"], 12);
        Assert.Equal(((2.0 / 3) + (8.0 / 11) + (2.0 / 3)) / 3, m["f1_macro"], 12);
        Assert.Equal(Classes.Sum(c => F1(c) * support(c)) / 10, m["f1_weighted"], 12);
        Assert.Equal(Classes.Sum(c => Precision(c) * support(c)) / 10, m["precision_weighted"], 12);
        foreach ((string cls, string key) in new[] { ("fraud", "fraud"), ("legit", "legit"), ("card not present", "card_not_present") })
        {
            Assert.Equal(Precision(cls), m["precision_" + key], 12);
            Assert.Equal(Recall(cls), m["recall_" + key], 12);
            Assert.Equal(F1(cls), m["f1_" + key], 12);
            Assert.Equal(support(cls), m["support_" + key]);
        }
    }

    [Fact]
    public void FromReport_TheExampleInTheXmlDocs()
    {
        RunMetrics m = RunMetrics.FromReport(EvaluationReport.For(LabelEvaluation.FromLabels(["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "a"])));

        Assert.Equal((0.5, 0.8, 0.0), (m["f1_a"], m["f1_b"], m["f1_c"]));
        Assert.Equal(1.3 / 3, m["f1_macro"], 12);
        Assert.Equal(0.6, m["accuracy"], 12);
        Assert.Equal(2, m["support_b"]);
    }

    [Fact]
    public void FromReport_SmallLabelSet_KeysInOrder_PerClassGroupedByClass()
    {
        RunMetrics m = RunMetrics.FromReport(TrackingSamples.Report(positive: null));

        Assert.Equal(
            ["accuracy", "balanced_accuracy", "matthews_corrcoef", "cohen_kappa", "hamming_loss",
             "precision_micro", "recall_micro", "f1_micro", "precision_macro", "recall_macro", "f1_macro",
             "precision_weighted", "recall_weighted", "f1_weighted", "jaccard_micro", "jaccard_macro", "jaccard_weighted"],
            m.Overall.Select(x => x.Key));
        Assert.Equal(
            ["precision_card_not_present", "recall_card_not_present", "f1_card_not_present", "support_card_not_present",
             "precision_fraud", "recall_fraud", "f1_fraud", "support_fraud",
             "precision_legit", "recall_legit", "f1_legit", "support_legit"],
            m.PerClass.Select(x => x.Key));
        Assert.All(m.PerClass, c => Assert.Equal(MetricKeys.Sanitize(c.Metric + "_" + c.Class), c.Key));
        Assert.Equal("card not present", m.PerClass[0].Class);
        Assert.Equal([.. m.Overall, .. m.PerClass], m.All);
        Assert.Equal(m.All.Select(x => x.Key), m.ToDictionary().Keys);
        Assert.All(m.All, x => Assert.Matches("^[A-Za-z0-9_.-]{1,250}$", x.Key));
        Assert.Null(m.Threshold);
    }

    [Fact]
    public void FromReport_Positive_AddsBinaryPrecisionRecallF1()
    {
        string[] actual = ["fraud", "legit", "fraud", "legit", "legit"];
        string[] predicted = ["fraud", "fraud", "legit", "legit", "legit"];
        RunMetrics m = RunMetrics.FromReport(EvaluationReport.For(LabelEvaluation.FromLabels(actual, predicted), positive: "fraud"));

        Assert.Equal(0.5, m["precision"]);
        Assert.Equal(0.5, m["recall"]);
        Assert.Equal(0.5, m["f1"]);
        Assert.Equal(2.0 / 3, m["recall_legit"], 12);
    }

    [Fact]
    public void FromReport_UndefinedUnderNaNPolicy_StaysNaN()
    {
        // "b" is never predicted: its precision is 0/0.
        RunMetrics m = RunMetrics.FromReport(EvaluationReport.For(LabelEvaluation.FromLabels(["a", "a", "b"], ["a", "a", "a"]), ZeroDivision.NaN));

        Assert.True(double.IsNaN(m["precision_b"]));
        Assert.True(m.TryGetValue("precision_b", out double v) && double.IsNaN(v));
        Assert.True(double.IsNaN(m.ToDictionary()["precision_b"]));
        Assert.Equal(0.0, m["recall_b"]);
        Assert.Equal(2.0 / 3, m["precision_a"], 12);
    }

    [Fact]
    public void Indexer_UnknownKey_ThrowsNamingSomeKeys()
    {
        RunMetrics m = RunMetrics.FromReport(TrackingSamples.Report());

        var e = Assert.Throws<KeyNotFoundException>(() => m["f1_nope"]);
        Assert.Contains("'f1_nope'", e.Message);
        Assert.Contains("accuracy", e.Message);
        Assert.False(m.TryGetValue("f1_nope", out _));
    }

    [Fact]
    public void WithPrefix_PrefixesEveryKey_KeepsValuesAndBreakdown()
    {
        RunMetrics m = RunMetrics.FromReport(TrackingSamples.Report());

        RunMetrics val = m.WithPrefix("val_");

        Assert.Equal(m.All.Select(x => "val_" + x.Key), val.All.Select(x => x.Key));
        Assert.Equal(m.All.Select(x => x.Value), val.All.Select(x => x.Value));
        Assert.Equal(m["f1_macro"], val["val_f1_macro"]);
        Assert.Equal(m.PerClass.Select(c => (c.Metric, c.Class)), val.PerClass.Select(c => (c.Metric, c.Class)));
        Assert.True(m.WithPrefix("val/").TryGetValue("val_f1_fraud", out _));
    }

    [Fact]
    public void FromThresholds_SelectedPoint_UnsuffixedMetricsAndGridRows_CountedByHand()
    {
        double[] scores = [0.1, 0.4, 0.35, 0.8];
        bool[] positives = [false, false, true, true];
        ThresholdTable table = ThresholdTable.Create(BinaryCurve.Compute(scores, positives), "1", [0.3, 0.5], new ThresholdObjective(ObjectiveKind.FBeta));

        RunMetrics m = RunMetrics.FromThresholds(table);

        Assert.Equal(table.Best!.Value.Threshold, m.Threshold);
        Assert.Equal(table.Best!.Value.Counts.TruePositives, m["tp"]);
        Assert.Equal(table.Best!.Value.Value, m["objective_value"]);
        // At 0.5: only 0.8 is called positive -> TP 1, FP 0, FN 1, TN 2. At 0.3: 0.4, 0.35, 0.8 -> TP 2, FP 1, FN 0.
        Assert.Equal(0.5, m["recall_at_0.5"]);
        Assert.Equal(1.0, m["precision_at_0.5"]);
        Assert.Equal(0.75, m["accuracy_at_0.5"]);
        Assert.Equal(1.0, m["recall_at_0.3"]);
        Assert.Equal(0.8, m["f1_at_0.3"], 12);
        Assert.Empty(m.PerClass);
    }

    [Fact]
    public void FromThresholds_GridLargerThanTheLimit_OnlyTheSelection()
    {
        ThresholdTable table = ThresholdTable.Create(BinaryCurve.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), "1", [0.2, 0.3, 0.5],
            new ThresholdObjective(ObjectiveKind.FBeta));

        RunMetrics m = RunMetrics.FromThresholds(table, maxGridRows: 2);

        Assert.DoesNotContain(m.All, x => x.Key.Contains("_at_", StringComparison.Ordinal));
        Assert.True(m.TryGetValue("f1", out _));
    }

    [Theory]
    [InlineData("fraud", "fraud")]
    [InlineData("card not present", "card_not_present")]
    [InlineData("a/b", "a_b")]
    [InlineData("été", "_t_")]
    [InlineData("x.y-z_1", "x.y-z_1")]
    [InlineData("", "_")]
    [InlineData("50%", "50_")]
    public void Sanitize_KeepsMlflowSafeAscii_ReplacesTheRest(string name, string expected)
    {
        Assert.Equal(expected, MetricKeys.Sanitize(name));
        Assert.True(MetricKeys.IsValid(expected));
    }

    [Fact]
    public void Sanitize_LongName_CutTo250()
    {
        Assert.Equal(250, MetricKeys.Sanitize(new string('a', 400)).Length);
        Assert.False(MetricKeys.IsValid(new string('a', 251)));
        Assert.False(MetricKeys.IsValid("a b"));
    }

    [Fact]
    public void Claim_CollidingSanitisedLabels_GetNumberedSuffixes()
    {
        var keys = new MetricKeys();

        Assert.Equal("precision_a_b", keys.PerClass("precision", "a b", 1).Key);
        Assert.Equal("precision_a_b_2", keys.PerClass("precision", "a_b", 1).Key);
        Assert.Equal("precision_a_b_3", keys.PerClass("precision", "a/b", 1).Key);
        Assert.Equal(250, keys.Claim(new string('x', 300)).Length);
        Assert.Equal(new string('x', 248) + "_2", keys.Claim(new string('x', 260)));
    }

    [Fact]
    public void FromReport_LabelsThatSanitiseAlike_KeysStayUnique()
    {
        RunMetrics m = RunMetrics.FromReport(EvaluationReport.For(LabelEvaluation.FromLabels(["a b", "a_b", "a b"], ["a b", "a_b", "a_b"])));

        Assert.Equal(m.All.Count, m.All.Select(x => x.Key).Distinct().Count());
        Assert.Equal(["a b", "a_b"], m.PerClass.Where(c => c.Metric == "f1").Select(c => c.Class));
        Assert.Equal(["f1_a_b", "f1_a_b_2"], m.PerClass.Where(c => c.Metric == "f1").Select(c => c.Key));
    }
}
