using System.Globalization;
using System.Text.Json.Nodes;
using Verdict.Curves;
using Verdict.Probabilistic;
using Verdict.Scores;
using Verdict.Tests.Reference;

namespace Verdict.Tests.Curves;

/// <summary>
/// Every scikit-learn reference case of the score-based metrics (curves, AUC, AP, log loss, Brier, top-k,
/// calibration, hinge). Expected values are scikit-learn 1.2.1's; where Verdict follows newer scikit-learn the
/// difference is handled explicitly below and says why.
/// </summary>
public class ScoreOracleTests
{
    public static TheoryData<string> RocAucCases => Oracle.Ids("roc_auc_score");

    public static TheoryData<string> AveragePrecisionCases => Oracle.Ids("average_precision_score");

    public static TheoryData<string> RocCurveCases => Oracle.Ids("roc_curve");

    public static TheoryData<string> PrecisionRecallCases => Oracle.Ids("precision_recall_curve");

    public static TheoryData<string> DetCases => Oracle.Ids("det_curve");

    public static TheoryData<string> LogLossCases => Oracle.Ids("log_loss");

    public static TheoryData<string> BrierCases => Oracle.Ids("brier_score_loss");

    public static TheoryData<string> TopKCases => Oracle.Ids("top_k_accuracy_score");

    public static TheoryData<string> CalibrationCases => Oracle.Ids("calibration_curve");

    public static TheoryData<string> HingeCases => Oracle.Ids("hinge_loss");

    [Fact]
    public void Oracle_ScoreFunctions_HaveTheExpectedNumberOfCases()
    {
        // Guards against the theories silently running on nothing.
        Assert.Equal(72, Oracle.Of("roc_auc_score").Count());
        Assert.Equal(58, Oracle.Of("average_precision_score").Count());
        Assert.Equal(26, Oracle.Of("roc_curve").Count());
        Assert.Equal(13, Oracle.Of("precision_recall_curve").Count());
        Assert.Equal(13, Oracle.Of("det_curve").Count());
        Assert.Equal(19, Oracle.Of("log_loss").Count());
        Assert.Equal(13, Oracle.Of("brier_score_loss").Count());
        Assert.Equal(16, Oracle.Of("top_k_accuracy_score").Count());
        Assert.Equal(16, Oracle.Of("calibration_curve").Count());
        Assert.Equal(13, Oracle.Of("hinge_loss").Count());
    }

    [Theory]
    [MemberData(nameof(RocAucCases))]
    public void RocAuc_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        double[]? w = c.Weights;
        double actual;
        if (c.Is2D("y_true"))
        {
            (bool[] indicator, int k) = Indicator(c);
            double[] scores = ScoreMatrix.Flatten(c.Matrix("y_score"));
            if (c.Arg("average") is null)
            {
                Oracle.AssertClose(c.Expected, MultilabelAuc.RocAucPerLabel(indicator, scores, k, w), id);
                return;
            }

            Average average = ParseAverage(c.Arg("average"));
            actual = MultilabelAuc.RocAuc(indicator, scores, k, average, w);
            if (c.ExpectsError)
            {
                // ml*/average=samples: scikit-learn 1.2.1 raised because some rows hold all or none of the labels.
                // Newer scikit-learn scores such a row NaN and np.average propagates it: Verdict does the same.
                Assert.Equal(Average.Samples, average);
                Assert.True(double.IsNaN(actual), $"{id}: expected NaN (one-class rows), got {actual}");
                double[] rows = MultilabelAuc.RocAucPerSample(indicator, scores, k);
                Assert.Contains(rows, double.IsNaN);
                return;
            }
        }
        else if (c.Is2D("y_score"))
        {
            int[] y = Ints(c.Labels("y_true"));
            double[][] matrix = c.Matrix("y_score");
            double[] scores = ScoreMatrix.Flatten(matrix);
            int k = matrix[0].Length;
            Average average = ParseAverage(c.Arg("average"));
            actual = (string)c.Arg("multi_class")! == "ovo"
                ? MulticlassAuc.OneVsOne(y, scores, k, average)
                : MulticlassAuc.OneVsRest(y, scores, k, average, w);
        }
        else
        {
            BinaryCurve curve = BinaryCurve.Compute(c.Doubles("y_score"), Positives(c), w);
            double? maxFpr = c.Arg("max_fpr") is { } m ? Oracle.ToDouble(m) : null;
            actual = curve.RocAuc(maxFpr);
            if (c.ExpectsError)
            {
                // bin-no-positives: scikit-learn 1.2.1 raised; newer versions return NaN (undefined), as Verdict does.
                Assert.True(double.IsNaN(actual), $"{id}: expected NaN for one class, got {actual}");
                return;
            }
        }

        Assert.False(c.ExpectsError, $"{id}: scikit-learn raised but Verdict returned {actual}");
        Oracle.AssertClose(Oracle.ToDouble(c.Expected), actual, id);
    }

    [Theory]
    [MemberData(nameof(AveragePrecisionCases))]
    public void AveragePrecision_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        Assert.False(c.ExpectsError);
        double[]? w = c.Weights;
        if (!c.Is2D("y_true"))
        {
            // bin-no-positives: 1.2.1 returns -0.0, newer clips to 0.0; Close treats them as equal.
            BinaryCurve curve = BinaryCurve.Compute(c.Doubles("y_score"), Positives(c), w);
            Oracle.AssertClose(Oracle.ToDouble(c.Expected), curve.AveragePrecision(), id);
            return;
        }

        (bool[] indicator, int k) = Indicator(c);
        double[] scores = ScoreMatrix.Flatten(c.Matrix("y_score"));
        if (c.Arg("average") is null)
        {
            Oracle.AssertClose(c.Expected, MultilabelAuc.AveragePrecisionPerLabel(indicator, scores, k, w), id);
            return;
        }

        Average average = ParseAverage(c.Arg("average"));
        Oracle.AssertClose(Oracle.ToDouble(c.Expected), MultilabelAuc.AveragePrecision(indicator, scores, k, average, w), id);
        if (id.StartsWith("mcs", StringComparison.Ordinal))
        {
            // The same data given as class indices must agree with the indicator form.
            int[] y = ArgMax(c.Matrix("y_true"));
            Oracle.AssertClose(Oracle.ToDouble(c.Expected), MulticlassAuc.AveragePrecision(y, scores, k, average, w), id + " (indices)");
        }
    }

    [Theory]
    [MemberData(nameof(RocCurveCases))]
    public void RocCurve_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        bool drop = c.Arg("drop_intermediate") is not { } d || (bool)d;
        RocCurve roc = BinaryCurve.Compute(c.Doubles("y_score"), Positives(c), c.Weights).Roc(drop);
        JsonArray e = c.Expected!.AsArray();
        Oracle.AssertClose(e[0], roc.FalsePositiveRate, id + " fpr");
        Oracle.AssertClose(e[1], roc.TruePositiveRate, id + " tpr");

        // scikit-learn 1.2.1 starts the thresholds at max(score) + 1; >= 1.3 (and Verdict) at +infinity.
        double[] thresholds = Oracle.Doubles(e[2]!.AsArray());
        Assert.Equal(thresholds.Length, roc.Thresholds.Count);
        Assert.Equal(double.PositiveInfinity, roc.Thresholds[0]);
        Oracle.AssertClose(thresholds[1] + 1, thresholds[0], id + " 1.2.1 first threshold");
        for (int i = 1; i < thresholds.Length; i++)
        {
            Oracle.AssertClose(thresholds[i], roc.Thresholds[i], $"{id} thresholds[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(PrecisionRecallCases))]
    public void PrecisionRecallCurve_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        PrecisionRecallCurve pr = BinaryCurve.Compute(c.Doubles("y_score"), Positives(c), c.Weights).PrecisionRecall();
        JsonArray e = c.Expected!.AsArray();
        Oracle.AssertClose(e[0], pr.Precision, id + " precision");
        Oracle.AssertClose(e[1], pr.Recall, id + " recall");
        Oracle.AssertClose(e[2], pr.Thresholds, id + " thresholds");
    }

    [Theory]
    [MemberData(nameof(DetCases))]
    public void DetCurve_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        BinaryCurve curve = BinaryCurve.Compute(c.Doubles("y_score"), Positives(c), c.Weights);
        if (c.ExpectsError)
        {
            // One class only: undefined in every scikit-learn version.
            Assert.Throws<ArgumentException>(() => curve.Det());
            return;
        }

        DetCurve det = curve.Det();
        JsonArray e = c.Expected!.AsArray();
        double[] fpr = Oracle.Doubles(e[0]!.AsArray()), fnr = Oracle.Doubles(e[1]!.AsArray()), thr = Oracle.Doubles(e[2]!.AsArray());

        // Verdict follows scikit-learn >= 1.7, which considers a point at threshold +infinity (FPR 0, FNR 1) first
        // and starts the curve at the last point with FPR 0. When the top-scored row is positive that is a finite
        // threshold and both versions agree. When it is negative, 1.7 ends at +infinity and keeps every point at the
        // lowest non-zero FPR, where 1.2.1 kept only the last of them: 1.2.1's arrays are then a prefix of Verdict's,
        // followed by points at that same FPR with growing FNR and thresholds, and the +infinity point.
        bool topIsNegative = curve.FalsePositives[0] > 0;
        int n = thr.Length;
        Assert.True(det.Thresholds.Count >= n, $"{id}: {det.Thresholds.Count} points, 1.2.1 had {n}");
        for (int i = 0; i < n; i++)
        {
            Oracle.AssertClose(fpr[i], det.FalsePositiveRate[i], $"{id} fpr[{i}]");
            Oracle.AssertClose(fnr[i], det.FalseNegativeRate[i], $"{id} fnr[{i}]");
            Oracle.AssertClose(thr[i], det.Thresholds[i], $"{id} thresholds[{i}]");
        }

        if (!topIsNegative)
        {
            Assert.Equal(n, det.Thresholds.Count);
            return;
        }

        int last = det.Thresholds.Count - 1;
        Assert.Equal(double.PositiveInfinity, det.Thresholds[last]);
        Assert.Equal(0.0, det.FalsePositiveRate[last]);
        Assert.Equal(1.0, det.FalseNegativeRate[last]);
        for (int i = n; i < last; i++)
        {
            Assert.Equal(fpr[n - 1], det.FalsePositiveRate[i]);
            Assert.True(det.FalseNegativeRate[i] >= det.FalseNegativeRate[i - 1] && det.Thresholds[i] > det.Thresholds[i - 1], $"{id}: point {i} out of order");
        }
    }

    [Theory]
    [MemberData(nameof(LogLossCases))]
    public void LogLoss_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        double[]? w = c.Weights;
        string[] labels = c.Labels("y_true");
        if (c.Is2D("y_pred"))
        {
            double[][] matrix = c.Matrix("y_pred");
            double actual = LogLoss.Multiclass(Ints(labels), ScoreMatrix.Flatten(matrix), matrix[0].Length, w);
            Oracle.AssertClose(Oracle.ToDouble(c.Expected), actual, id);
            return;
        }

        double[] p = c.Doubles("y_pred");
        if (c.ExpectsError)
        {
            // bin-no-positives: y_true holds one label and no `labels` were given, so scikit-learn (every version)
            // cannot know the second class and raises. Verdict's class-count entry point raises the same way when
            // told there is one class; its binary entry point is told the two classes, like scikit-learn with
            // labels=[0, 1], and is defined: the mean of -ln(1 - clip(p)).
            int classes = Labels.LabelMap.Sorted(labels).Count;
            Assert.Equal(1, classes);
            Assert.Throws<ArgumentOutOfRangeException>(() => LogLoss.Multiclass(new int[p.Length], Binary(p), classes));
            double expected = p.Select(x => -Math.Log(1 - Math.Clamp(x, LogLoss.Epsilon, 1 - LogLoss.Epsilon))).Average();
            Oracle.AssertClose(expected, LogLoss.Binary(p, Positives(c)), id + " (labels=[0, 1])");
            return;
        }

        Oracle.AssertClose(Oracle.ToDouble(c.Expected), LogLoss.Binary(p, Positives(c), w), id);

        // The two-column form of the same data agrees.
        Oracle.AssertClose(Oracle.ToDouble(c.Expected), LogLoss.Multiclass(Ints(labels), Binary(p), 2, w), id + " (2 columns)");
    }

    [Theory]
    [MemberData(nameof(BrierCases))]
    public void BrierScore_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        Assert.False(c.ExpectsError);
        double[] p = c.Doubles("y_prob");
        double actual = BrierScore.Binary(p, Positives(c), c.Weights);
        Oracle.AssertClose(Oracle.ToDouble(c.Expected), actual, id);

        // Multiclass with two columns and scale_by_half="auto" is the binary score.
        Oracle.AssertClose(actual, BrierScore.Multiclass(Ints(c.Labels("y_true")), Binary(p), 2, c.Weights), id + " (2 columns)");
    }

    [Theory]
    [MemberData(nameof(TopKCases))]
    public void TopKAccuracy_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        double[][] matrix = c.Matrix("y_score");
        int k = (int)Oracle.ToDouble(c.Arg("k"));
        double actual = TopKAccuracy.Compute(Ints(c.Labels("y_true")), ScoreMatrix.Flatten(matrix), matrix[0].Length, k, c.Weights);
        Oracle.AssertClose(Oracle.ToDouble(c.Expected), actual, id);
    }

    [Theory]
    [MemberData(nameof(CalibrationCases))]
    public void CalibrationCurve_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        int bins = (int)Oracle.ToDouble(c.Arg("n_bins"));
        CalibrationStrategy strategy = (string)c.Arg("strategy")! == "quantile" ? CalibrationStrategy.Quantile : CalibrationStrategy.Uniform;
        CalibrationCurve curve = CalibrationCurve.Compute(c.Doubles("y_prob"), Positives(c), bins, strategy);
        JsonArray e = c.Expected!.AsArray();
        Oracle.AssertClose(e[0], curve.FractionOfPositives, id + " prob_true");
        Oracle.AssertClose(e[1], curve.MeanPredicted, id + " prob_pred");
    }

    [Theory]
    [MemberData(nameof(HingeCases))]
    public void HingeLoss_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        Assert.False(c.ExpectsError);

        // bin-no-positives: scikit-learn encodes a single-class y_true as all -1; there that class is the negative
        // one (0), so the mask gives the same encoding.
        double actual = HingeLoss.Binary(c.Doubles("pred_decision"), Positives(c), c.Weights);
        Oracle.AssertClose(Oracle.ToDouble(c.Expected), actual, id);
    }

    internal static bool[] Positives(OracleCase c) => c.Labels("y_true").Select(l => l == "1").ToArray();

    internal static int[] Ints(string[] labels) => labels.Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    internal static (bool[] Indicator, int Columns) Indicator(OracleCase c)
    {
        double[][] y = c.Matrix("y_true");
        return (ScoreMatrix.Flatten(y.Select(r => r.Select(v => v != 0).ToArray()).ToArray()), y[0].Length);
    }

    private static int[] ArgMax(double[][] indicator) => indicator.Select(r => Array.IndexOf(r, 1.0)).ToArray();

    private static double[] Binary(double[] p) => p.SelectMany(x => new[] { 1 - x, x }).ToArray();

    private static Average ParseAverage(JsonNode? node) => (string?)node switch
    {
        "micro" => Average.Micro,
        "macro" => Average.Macro,
        "weighted" => Average.Weighted,
        "samples" => Average.Samples,
        var other => throw new InvalidOperationException($"Unexpected average {other}"),
    };
}
