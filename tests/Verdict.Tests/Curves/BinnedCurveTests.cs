using Verdict.Counts;
using Verdict.Curves;

namespace Verdict.Tests.Curves;

public class BinnedCurveTests
{
    [Fact]
    public void ToCurve_DocExample_RocAuc()
    {
        var acc = new BinnedCurveAccumulator(11);
        acc.Add([0.1, 0.4, 0.3, 0.8], [false, false, true, true]);
        Assert.Equal(0.75, acc.ToCurve().RocAuc());
        Assert.Equal(11, acc.Thresholds.Count);
        Assert.Equal(0.30000000000000004, acc.Thresholds[3]); // numpy linspace: 3 * 0.1
    }

    [Fact]
    public void CountsAtThresholds_EveryGridThreshold_ScoreAtLeastThreshold()
    {
        var acc = new BinnedCurveAccumulator([0.0, 0.5, 1.0]);
        acc.Add([0.0, 0.5, 0.7, 1.0], [false, true, false, true]);
        BinaryCounts[] c = acc.CountsAtThresholds();
        Assert.Equal(new BinaryCounts(2, 2, 0, 0), c[0]);
        Assert.Equal(new BinaryCounts(2, 1, 0, 1), c[1]);
        Assert.Equal(new BinaryCounts(1, 0, 1, 2), c[2]);
    }

    [Fact]
    public void Add_ScoresBelowEveryThreshold_OnlyInTotals()
    {
        var acc = new BinnedCurveAccumulator([0.5, 0.9]);
        acc.Add([0.1, 0.6, 0.95, 0.2], [true, true, true, false]);
        BinaryCurve curve = acc.ToCurve();
        Assert.Equal(3, curve.Positives);
        Assert.Equal(1, curve.Negatives);
        Assert.Equal([0.9, 0.5], curve.Thresholds);
        Assert.Equal([1.0, 2], curve.TruePositives);
        Assert.Equal(2.0 / 3, curve.Roc().TruePositiveRate[^1], 15);
    }

    [Fact]
    public void Merge_DifferentThresholds_Throws()
    {
        var a = new BinnedCurveAccumulator(5);
        Assert.Throws<ArgumentException>(() => a.Merge(new BinnedCurveAccumulator(6)));
        Assert.Throws<ArgumentException>(() => a.Merge(new BinnedCurveAccumulator(a.Thresholds.ToArray(), ThresholdRule.Above)));
        Assert.Throws<ArgumentException>(() => new BinnedCurveAccumulator([0.5, 0.5]));
        Assert.Throws<InvalidOperationException>(() => a.ToCurve());
    }

    [Fact]
    public void Keras_DocumentedExample_RocAucIsThreeQuarters()
    {
        // tf.keras.metrics.AUC(num_thresholds=3): thresholds [-1e-7, 0.5, 1 + 1e-7], strict >.
        var acc = BinnedCurveAccumulator.Keras(3);
        acc.Add([0, 0.5, 0.3, 0.9], [false, false, true, true]);
        Assert.Equal([-1e-7, 0.5, 1 + 1e-7], acc.Thresholds);
        BinaryCounts[] c = acc.CountsAtThresholds();
        Assert.Equal(new BinaryCounts(2, 2, 0, 0), c[0]);
        Assert.Equal(new BinaryCounts(1, 0, 1, 2), c[1]);
        Assert.Equal(new BinaryCounts(0, 0, 2, 2), c[2]);
        Assert.Equal(0.75, acc.KerasRocAuc());
        Assert.Throws<InvalidOperationException>(() => acc.ToCurve());
    }

    [Fact]
    public void KerasPrAuc_SmallGrid_FollowsDavisGoadrichInterpolation()
    {
        var acc = BinnedCurveAccumulator.Keras(3);
        acc.Add([0, 0.5, 0.3, 0.9], [false, false, true, true]);

        // Segment 1 (p 4 -> 1): slope 1/3, intercept 2/3, increment slope·(1 + intercept·ln 4) / 2.
        // Segment 2 (p 1 -> 0): slope 1, intercept 0, p ratio taken as 1, increment 1 / 2.
        double expected = ((1.0 / 3) * (1 + ((2.0 / 3) * Math.Log(4))) / 2) + 0.5;
        Assert.Equal(expected, acc.KerasPrAuc(), 15);
    }

    [Fact]
    public void Keras_DefaultGrid_Has200Thresholds()
    {
        var acc = BinnedCurveAccumulator.Keras();
        Assert.Equal(200, acc.Thresholds.Count);
        Assert.Equal(1.0 / 199, acc.Thresholds[1]);
        Assert.Equal(ThresholdRule.Above, acc.Rule);
    }
}
