using Verdict.Curves;
using Verdict.Scores;

namespace Verdict.Tests.Curves;

public class MulticlassAucTests
{
    private static readonly int[] Y = [0, 1, 2, 2];
    private static readonly double[] P = [0.8, 0.1, 0.1, 0.3, 0.5, 0.2, 0.2, 0.2, 0.6, 0.5, 0.3, 0.2];

    [Fact]
    public void OneVsRest_DocExample_Macro()
    {
        Assert.Equal([1.0, 1.0, 0.875], MulticlassAuc.OneVsRestPerClass(Y, P, 3));
        Assert.Equal((1 + 1 + 0.875) / 3, MulticlassAuc.OneVsRest(Y, P, 3, Average.Macro), 15);
        Assert.Equal((1 + 1 + (0.875 * 2)) / 4, MulticlassAuc.OneVsRest(Y, P, 3, Average.Weighted), 15);
    }

    [Fact]
    public void OneVsOne_HandAndTill_AveragesBothDirectionsPerPair()
    {
        // Pairs: (0,1): rows 0,1 -> A(0|1) = 1 (0.8 > 0.3), A(1|0) = 1 (0.5 > 0.1).
        // (0,2): rows 0,2,3 -> A(0|2): 0.8 vs 0.2, 0.5 -> 1; A(2|0): 0.6, 0.2 vs 0.1 -> 1.
        // (1,2): rows 1,2,3 -> A(1|2): 0.5 vs 0.2, 0.3 -> 1; A(2|1): 0.6, 0.2 vs 0.2 -> (1 + 0.5) / 2 = 0.75.
        double macro = (1 + 1 + ((1 + 0.75) / 2)) / 3;
        Assert.Equal(macro, MulticlassAuc.OneVsOne(Y, P, 3), 15);
        double weighted = ((1 * 2 / 4.0) + (1 * 3 / 4.0) + (0.875 * 3 / 4.0)) / (8 / 4.0);
        Assert.Equal(weighted, MulticlassAuc.OneVsOne(Y, P, 3, Average.Weighted), 15);
    }

    [Fact]
    public void OneVsRest_AbsentClass_MacroNaNWeightedSkipsIt()
    {
        int[] y = [0, 1, 0, 1];
        double[] p = [0.7, 0.2, 0.1, 0.3, 0.6, 0.1, 0.6, 0.3, 0.1, 0.2, 0.7, 0.1];
        Assert.True(double.IsNaN(MulticlassAuc.OneVsRestPerClass(y, p, 3)[2]));
        Assert.True(double.IsNaN(MulticlassAuc.OneVsRest(y, p, 3, Average.Macro)));
        Assert.Equal(1.0, MulticlassAuc.OneVsRest(y, p, 3, Average.Weighted));
        Assert.Equal(1.0, MulticlassAuc.OneVsOne(y, p, 3));
    }

    [Fact]
    public void OneVsRest_RowsNotSummingToOne_Throw()
    {
        double[] p = [0.8, 0.1, 0.2, 0.3, 0.5, 0.2, 0.2, 0.2, 0.6, 0.5, 0.3, 0.2];
        Assert.Throws<ArgumentException>(() => MulticlassAuc.OneVsRest(Y, p, 3, Average.Macro));
        Assert.Throws<ArgumentException>(() => MulticlassAuc.OneVsOne(Y, p, 3));
    }

    [Fact]
    public void Averages_NotSupported_Throw()
    {
        Assert.Throws<ArgumentException>(() => MulticlassAuc.OneVsOne(Y, P, 3, Average.Micro));
        Assert.Throws<ArgumentException>(() => MulticlassAuc.OneVsRest(Y, P, 3, Average.Samples));
        Assert.Throws<ArgumentException>(() => MulticlassAuc.OneVsRest(Y, P, 3, Average.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassAuc.OneVsRest([0, 1, 3, 2], P, 3, Average.Macro));
        Assert.Throws<ArgumentException>(() => MulticlassAuc.OneVsRest([0, 1, 2], P, 3, Average.Macro));
    }

    [Fact]
    public void OneVsOne_ClassOrder_DoesNotMatter()
    {
        // Relabel classes 0 -> 2, 1 -> 0, 2 -> 1 and move the columns with them.
        int[] map = [2, 0, 1];
        int[] y = Y.Select(v => map[v]).ToArray();
        double[] p = new double[P.Length];
        for (int r = 0; r < Y.Length; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                p[(r * 3) + map[c]] = P[(r * 3) + c];
            }
        }

        Assert.Equal(MulticlassAuc.OneVsOne(Y, P, 3), MulticlassAuc.OneVsOne(y, p, 3), 15);
        Assert.Equal(MulticlassAuc.OneVsRest(Y, P, 3, Average.Macro), MulticlassAuc.OneVsRest(y, p, 3, Average.Macro), 15);
    }

    [Fact]
    public void AveragePrecision_ClassIndices_EqualIndicatorForm()
    {
        bool[] indicator = ScoreMatrix.Indicator(Y, 3);
        foreach (Average a in new[] { Average.Micro, Average.Macro, Average.Weighted, Average.Samples })
        {
            Assert.Equal(MultilabelAuc.AveragePrecision(indicator, P, 3, a), MulticlassAuc.AveragePrecision(Y, P, 3, a));
        }

        Assert.Equal(MultilabelAuc.AveragePrecisionPerLabel(indicator, P, 3), MulticlassAuc.AveragePrecisionPerClass(Y, P, 3));
    }
}
