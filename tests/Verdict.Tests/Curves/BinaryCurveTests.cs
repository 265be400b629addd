using Verdict.Counts;
using Verdict.Curves;

namespace Verdict.Tests.Curves;

public class BinaryCurveTests
{
    // scikit-learn's documented example: y_true = [0, 0, 1, 1], y_score = [0.1, 0.4, 0.35, 0.8].
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] Labels = [false, false, true, true];

    private static BinaryCurve Example() => BinaryCurve.Compute(Scores, Labels);

    [Fact]
    public void Compute_DocExample_ThresholdsHighestFirstWithCumulativeCounts()
    {
        BinaryCurve c = Example();
        Assert.Equal([0.8, 0.4, 0.35, 0.1], c.Thresholds);
        Assert.Equal([1.0, 1, 2, 2], c.TruePositives);
        Assert.Equal([0.0, 1, 1, 2], c.FalsePositives);
        Assert.Equal(2, c.Positives);
        Assert.Equal(2, c.Negatives);
        Assert.Equal(0.75, c.RocAuc());
        Assert.Equal(0.5 + (0.5 * 2 / 3), c.AveragePrecision(), 15);
    }

    [Fact]
    public void Roc_DocExample_StartsAtInfinity()
    {
        RocCurve roc = Example().Roc(dropIntermediate: false);
        Assert.Equal([0.0, 0, 0.5, 0.5, 1], roc.FalsePositiveRate);
        Assert.Equal([0.0, 0.5, 0.5, 1, 1], roc.TruePositiveRate);
        Assert.Equal([double.PositiveInfinity, 0.8, 0.4, 0.35, 0.1], roc.Thresholds);
    }

    [Fact]
    public void Roc_DropIntermediate_DropsCollinearPoints()
    {
        // Four positives on top, then four negatives: (0, .25), (0, .5), (0, .75) are collinear on the y axis.
        double[] s = [8, 7, 6, 5, 4, 3, 2, 1];
        bool[] y = [true, true, true, true, false, false, false, false];
        RocCurve roc = BinaryCurve.Compute(s, y).Roc();
        Assert.Equal([double.PositiveInfinity, 8, 5, 1], roc.Thresholds);
        Assert.Equal([0.0, 0, 0, 1], roc.FalsePositiveRate);
        Assert.Equal([0.0, 0.25, 1, 1], roc.TruePositiveRate);
    }

    [Fact]
    public void PrecisionRecall_DocExample_EndsAtPrecisionOneRecallZero()
    {
        PrecisionRecallCurve pr = Example().PrecisionRecall();
        Assert.Equal([0.5, 2.0 / 3, 0.5, 1, 1], pr.Precision);
        Assert.Equal([1.0, 1, 0.5, 0.5, 0], pr.Recall);
        Assert.Equal([0.1, 0.35, 0.4, 0.8], pr.Thresholds);
    }

    [Fact]
    public void PrecisionRecall_DropIntermediate_KeepsEndsOfEqualRecallRuns()
    {
        // TP 1, 1, 1, 2 at thresholds 0.9, 0.7, 0.6, 0.5: the middle of the run of 1s (0.7) is dropped.
        double[] s = [0.9, 0.7, 0.6, 0.5];
        bool[] y = [true, false, false, true];
        PrecisionRecallCurve pr = BinaryCurve.Compute(s, y).PrecisionRecall(dropIntermediate: true);
        Assert.Equal([0.5, 0.6, 0.9], pr.Thresholds);
    }

    [Fact]
    public void Det_DocExample_MatchesScikitLearn()
    {
        DetCurve det = Example().Det();
        Assert.Equal([0.5, 0.5, 0], det.FalsePositiveRate);
        Assert.Equal([0.0, 0.5, 0.5], det.FalseNegativeRate);
        Assert.Equal([0.35, 0.4, 0.8], det.Thresholds);
    }

    [Fact]
    public void Det_TopScoredRowNegative_EndsAtInfinity()
    {
        double[] s = [0.9, 0.8, 0.7, 0.2];
        bool[] y = [false, true, true, false];
        DetCurve det = BinaryCurve.Compute(s, y).Det();
        Assert.Equal([0.7, 0.8, 0.9, double.PositiveInfinity], det.Thresholds);
        Assert.Equal([0.5, 0.5, 0.5, 0], det.FalsePositiveRate);
        Assert.Equal([0.0, 0.5, 1, 1], det.FalseNegativeRate);
    }

    [Fact]
    public void Det_OneClass_Throws()
    {
        BinaryCurve c = BinaryCurve.Compute([0.1, 0.2], [true, true]);
        Assert.Throws<ArgumentException>(() => c.Det());
    }

    [Fact]
    public void Compute_TiedScores_MoveTogether()
    {
        BinaryCurve c = BinaryCurve.Compute([0.5, 0.5, 0.5, 0.2], [true, false, true, false]);
        Assert.Equal([0.5, 0.2], c.Thresholds);
        Assert.Equal([2.0, 2], c.TruePositives);
        Assert.Equal([1.0, 2], c.FalsePositives);
    }

    [Fact]
    public void Compute_Weighted_SumsWeightsAndDropsZeroWeightRows()
    {
        BinaryCurve c = BinaryCurve.Compute([0.9, 0.8, 0.7, 0.6], [true, false, true, false], [2.0, 0.0, 0.5, 1.5]);
        Assert.Equal([0.9, 0.7, 0.6], c.Thresholds);
        Assert.Equal([2.0, 2.5, 2.5], c.TruePositives);
        Assert.Equal([0.0, 0, 1.5], c.FalsePositives);
        Assert.Equal(1.0, c.RocAuc());
    }

    [Fact]
    public void Compute_ByteAndClassIndexLabels_EqualBoolMask()
    {
        BinaryCurve expected = Example();
        BinaryCurve bytes = BinaryCurve.Compute(Scores, new byte[] { 0, 0, 1, 1 });
        BinaryCurve indices = BinaryCurve.Compute(Scores, new[] { 2, 0, 1, 1 }, positiveClass: 1);
        foreach (BinaryCurve c in new[] { bytes, indices })
        {
            Assert.Equal(expected.Thresholds, c.Thresholds);
            Assert.Equal(expected.TruePositives, c.TruePositives);
            Assert.Equal(expected.FalsePositives, c.FalsePositives);
        }
    }

    [Fact]
    public void Compute_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => BinaryCurve.Compute([0.1, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => BinaryCurve.Compute([0.1, double.PositiveInfinity], [true, false]));
        Assert.Throws<ArgumentException>(() => BinaryCurve.Compute([0.1], [true, false]));
        Assert.Throws<ArgumentException>(() => BinaryCurve.Compute(ReadOnlySpan<double>.Empty, ReadOnlySpan<bool>.Empty));
        Assert.Throws<ArgumentException>(() => BinaryCurve.Compute([0.1, 0.2], [true, false], [0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => BinaryCurve.Compute([0.1, 0.2], [true, false], [1.0, -1.0]));
        Assert.Throws<ArgumentException>(() => BinaryCurve.Compute([0.1, 0.2], new byte[] { 0, 2 }));
    }

    [Fact]
    public void RocAuc_OneClass_IsNaN()
    {
        BinaryCurve c = BinaryCurve.Compute([0.1, 0.7, 0.4], [false, false, false]);
        Assert.True(double.IsNaN(c.RocAuc()));
        Assert.True(double.IsNaN(c.RocAuc(0.5)));
        Assert.Equal(0.0, c.AveragePrecision());
        RocCurve roc = c.Roc();
        Assert.All(roc.TruePositiveRate, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(1.0, roc.FalsePositiveRate[^1]);
        Assert.All(c.PrecisionRecall().Recall.Take(c.Count), r => Assert.Equal(1.0, r));
    }

    [Fact]
    public void RocAuc_MaxFpr_ValidatesAndOneMeansFull()
    {
        BinaryCurve c = Example();
        Assert.Equal(c.RocAuc(), c.RocAuc(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.RocAuc(0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.RocAuc(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.RocAuc(double.NaN));
    }

    [Fact]
    public void RocAuc_PartialOfPerfectRanking_IsOne()
    {
        BinaryCurve c = BinaryCurve.Compute([0.9, 0.8, 0.3, 0.1], [true, true, false, false]);
        Assert.Equal(1.0, c.RocAuc(0.2), 12);
    }

    [Fact]
    public void CountsAtThreshold_DocExample_UsesScoreAtLeastThreshold()
    {
        BinaryCurve c = Example();
        Assert.Equal(new BinaryCounts(2, 1, 0, 1), c.CountsAtThreshold(0.35));
        Assert.Equal(new BinaryCounts(1, 0, 1, 2), c.CountsAtThreshold(0.5));
        Assert.Equal(new BinaryCounts(0, 0, 2, 2), c.CountsAtThreshold(double.PositiveInfinity));
        Assert.Equal(new BinaryCounts(2, 2, 0, 0), c.CountsAtThreshold(double.NegativeInfinity));
        Assert.Equal(new BinaryCounts(1, 1, 1, 1), c.CountsAt(1));
        Assert.Throws<ArgumentException>(() => c.CountsAtThreshold(double.NaN));
    }

    [Fact]
    public void FromCounts_NotCumulative_Throws()
    {
        Assert.Throws<ArgumentException>(() => BinaryCurve.FromCounts([0.5, 0.7], [1, 2], [0, 1], 2, 1));
        Assert.Throws<ArgumentException>(() => BinaryCurve.FromCounts([0.7, 0.5], [2, 1], [0, 1], 2, 1));
        Assert.Throws<ArgumentException>(() => BinaryCurve.FromCounts([0.7, 0.5], [1, 3], [0, 1], 2, 1));
        BinaryCurve ok = BinaryCurve.FromCounts([0.7, 0.5], [1, 2], [0, 1], 2, 1);
        Assert.Equal(0.75, ok.RocAuc()); // (0, 0.5) then (1, 1)
    }
}
