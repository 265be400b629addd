using Verdict.Probabilistic;

namespace Verdict.Tests.Probabilistic;

public class ProbabilisticTests
{
    [Fact]
    public void LogLoss_DocExample_ScikitLearnValue()
    {
        Assert.Equal(0.47228795380917615, LogLoss.Binary([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 15);
    }

    [Fact]
    public void LogLoss_ProbabilityZeroOnTrueClass_ClipsToMachineEpsilon()
    {
        Assert.Equal(2.220446049250313e-16, LogLoss.Epsilon);
        Assert.Equal(-Math.Log(LogLoss.Epsilon), LogLoss.Binary([0.0], [true]), 12);
        Assert.Equal(-Math.Log(LogLoss.Epsilon), LogLoss.Multiclass([1], [1.0, 0.0], 2), 12);
    }

    [Fact]
    public void LogLoss_RowsNotSummingToOne_AreRenormalised()
    {
        // (0.2, 0.2) -> (0.5, 0.5): loss ln 2, as scikit-learn 1.2.1.
        Assert.Equal(Math.Log(2), LogLoss.Multiclass([0], [0.2, 0.2], 2), 15);
    }

    [Fact]
    public void LogLoss_WeightsAndSum()
    {
        double a = -Math.Log(0.9), b = -Math.Log(0.4);
        Assert.Equal(((1 * a) + (3 * b)) / 4, LogLoss.Binary([0.9, 0.6], [true, false], [1, 3]), 15);
        Assert.Equal(a + b, LogLoss.Binary([0.9, 0.6], [true, false], normalize: false), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogLoss.Multiclass([0, 0], [1.0, 1.0], 1));
        Assert.Throws<ArgumentException>(() => LogLoss.Binary([double.NaN], [true]));
    }

    [Fact]
    public void Brier_DocExample_ScikitLearnValue()
    {
        Assert.Equal(0.0375, BrierScore.Binary([0.1, 0.9, 0.8, 0.3], [false, true, true, false]), 15);
        Assert.Throws<ArgumentException>(() => BrierScore.Binary([1.1], [true]));
    }

    [Fact]
    public void Brier_Multiclass_SumsOverClassesWithoutHalving()
    {
        double[] p = [1, 0, 0, 0.5, 0.5, 0];
        Assert.Equal(0.25, BrierScore.Multiclass([0, 1], p, 3), 15);
        Assert.Equal(0.125, BrierScore.Multiclass([0, 1], p, 3, scaleByHalf: true), 15);
    }

    [Fact]
    public void Hinge_DocExampleAndCrammerSinger()
    {
        Assert.Equal(0.8375, HingeLoss.Binary([-0.4, -0.1, -0.15, 0.3], [false, false, true, true]), 15);

        // Row 1: margin 2 - 1 = 1 -> 0; row 2: margin 0.5 - 1 = -0.5 -> 1.5.
        Assert.Equal(0.75, HingeLoss.Multiclass([0, 0], [2, 1, 0, 0.5, 1, 0], 3), 15);
        Assert.Equal(1.5, HingeLoss.Multiclass([0, 0], [2, 1, 0, 0.5, 1, 0], 3, [0, 1]), 15);
    }

    [Fact]
    public void Calibration_DocExample_QuantileBins()
    {
        CalibrationCurve c = CalibrationCurve.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true], 10, CalibrationStrategy.Quantile);
        Assert.Equal([0.0, 1, 0, 1], c.FractionOfPositives);
        Assert.Equal([0.1, 0.35, 0.4, 0.8], c.MeanPredicted);
        Assert.Equal(11, c.Edges.Count);
    }

    [Fact]
    public void Calibration_UniformBins_ClosedOnTheRight()
    {
        // Edges 0, 0.5, 1: 0 and 0.5 fall in the first bin, 0.75 and 1 in the second.
        CalibrationCurve c = CalibrationCurve.Compute([0.0, 0.5, 0.75, 1.0], [false, true, true, true], 2);
        Assert.Equal([0, 1], c.Bins);
        Assert.Equal([2L, 2], c.Counts);
        Assert.Equal([0.5, 1], c.FractionOfPositives);
        Assert.Equal([0.25, 0.875], c.MeanPredicted);
        Assert.Throws<ArgumentException>(() => CalibrationCurve.Compute([1.5], [true]));
    }

    [Fact]
    public void CalibrationError_DocExample()
    {
        CalibrationErrors e = CalibrationError.Binary([0.2, 0.4, 0.6, 0.9], [false, true, true, true], binCount: 2);
        Assert.Equal(0.225, e.Expected, 15);
        Assert.Equal(0.25, e.Maximum, 15);
    }

    [Fact]
    public void CalibrationError_TopLabel_UsesArgmaxConfidence()
    {
        // Confidences 0.7 (correct), 0.6 (wrong), 0.9 (correct); two bins: {} and {0.7, 0.6, 0.9}.
        double[] p = [0.7, 0.3, 0.4, 0.6, 0.1, 0.9];
        CalibrationErrors e = CalibrationError.TopLabel([0, 0, 1], p, 2, binCount: 2);
        double gap = Math.Abs((2.0 / 3) - ((0.7 + 0.6 + 0.9) / 3));
        Assert.Equal(gap, e.Expected, 15);
        Assert.Equal(gap, e.Maximum, 15);
    }
}
