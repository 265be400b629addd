using Verdict.Curves;
using Verdict.Scores;

namespace Verdict.Tests.Curves;

public class MultilabelAucTests
{
    // Row 2 has every label and row 3 none: their per-row ROC AUC is undefined.
    private static readonly bool[] Indicator =
    [
        true, false, true,
        false, true, false,
        true, true, true,
        false, false, false,
    ];

    private static readonly double[] Scores =
    [
        0.9, 0.2, 0.6,
        0.3, 0.8, 0.4,
        0.5, 0.6, 0.7,
        0.1, 0.4, 0.2,
    ];

    [Fact]
    public void RocAuc_SamplesWithOneClassRows_IsNaNAsNewerScikitLearn()
    {
        double[] perRow = MultilabelAuc.RocAucPerSample(Indicator, Scores, 3);
        Assert.Equal(1.0, perRow[0]);
        Assert.Equal(1.0, perRow[1]);
        Assert.True(double.IsNaN(perRow[2]));
        Assert.True(double.IsNaN(perRow[3]));

        // Newer scikit-learn propagates the NaN through np.average; 1.2.1 raised ValueError.
        Assert.True(double.IsNaN(MultilabelAuc.RocAuc(Indicator, Scores, 3, Average.Samples)));

        // The documented way to average only the defined rows.
        Assert.Equal(1.0, Averaging.Mean(perRow));
    }

    [Fact]
    public void AveragePrecision_SamplesWithEmptyRow_CountsItAsZero()
    {
        double[] perRow = MultilabelAuc.AveragePrecisionPerSample(Indicator, Scores, 3);
        Assert.Equal([1.0, 1.0, 1.0, 0.0], perRow);
        Assert.Equal(0.75, MultilabelAuc.AveragePrecision(Indicator, Scores, 3, Average.Samples));
        Assert.Equal(0.5, MultilabelAuc.AveragePrecision(Indicator, Scores, 3, Average.Samples, [1, 0, 0, 1]));
    }

    [Fact]
    public void RocAuc_MicroEqualsOneCurveOverAllCells()
    {
        double micro = MultilabelAuc.RocAuc(Indicator, Scores, 3, Average.Micro);
        Assert.Equal(BinaryCurve.Compute(Scores, Indicator).RocAuc(), micro);
        double[] w = [1, 2, 0.5, 3];
        double[] repeated = w.SelectMany(x => new[] { x, x, x }).ToArray();
        Assert.Equal(BinaryCurve.Compute(Scores, Indicator, repeated).AveragePrecision(),
                     MultilabelAuc.AveragePrecision(Indicator, Scores, 3, Average.Micro, w));
    }

    [Fact]
    public void RocAuc_WeightedZeroSupport_IsZero()
    {
        bool[] none = new bool[Indicator.Length];
        Assert.Equal(0.0, MultilabelAuc.RocAuc(none, Scores, 3, Average.Weighted));
        Assert.True(double.IsNaN(MultilabelAuc.RocAuc(none, Scores, 3, Average.Macro)));
    }

    [Fact]
    public void Averaged_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => MultilabelAuc.RocAuc(Indicator, Scores, 3, Average.None));
        Assert.Throws<ArgumentException>(() => MultilabelAuc.RocAuc(Indicator, Scores, 3, Average.Binary));
        Assert.Throws<ArgumentException>(() => MultilabelAuc.RocAuc(Indicator.AsSpan(0, 9), Scores, 3, Average.Macro));
        Assert.Throws<ArgumentException>(() => MultilabelAuc.RocAuc(Indicator, Scores, 5, Average.Macro));
    }

    [Fact]
    public void ScoreMatrix_Flatten_RejectsRaggedRows()
    {
        Assert.Equal([0.2, 0.8, 0.6, 0.4], ScoreMatrix.Flatten(new[] { new[] { 0.2, 0.8 }, new[] { 0.6, 0.4 } }));
        Assert.Throws<ArgumentException>(() => ScoreMatrix.Flatten(new[] { new[] { 0.2, 0.8 }, new[] { 0.6 } }));
        Assert.Equal([false, true, true, false], ScoreMatrix.Indicator([1, 0], 2));
    }
}
