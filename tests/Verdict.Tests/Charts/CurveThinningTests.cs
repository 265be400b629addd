using Verdict.Charts;
using Verdict.Curves;

namespace Verdict.Tests.Charts;

public sealed class CurveThinningTests
{
    [Fact]
    public void Select_FewerPointsThanBudget_KeepsAll()
    {
        Assert.Equal([0, 1, 2], CurveThinning.Select([0.0, 1, 2], [0.0, 1, 0], 10));
    }

    [Fact]
    public void Select_BudgetTwo_FirstAndLast()
    {
        Assert.Equal([0, 4], CurveThinning.Select([0.0, 1, 2, 3, 4], [0.0, 5, -5, 1, 0], 2));
    }

    [Fact]
    public void Select_FraudRoc_CapsCountAndKeepsEndsAndExtremes()
    {
        RocCurve roc = Svg.FraudCurve.Roc(dropIntermediate: false);
        double[] x = roc.FalsePositiveRate.ToArray(), y = roc.TruePositiveRate.ToArray();
        Assert.True(x.Length > 100_000);
        int[] kept = CurveThinning.Select(x, y, 2000);
        Assert.True(kept.Length <= 2000);
        Assert.True(kept.Length >= 1990);
        Assert.Equal(0, kept[0]);
        Assert.Equal(x.Length - 1, kept[^1]);
        for (int i = 1; i < kept.Length; i++)
        {
            Assert.True(kept[i] > kept[i - 1]);
        }
    }

    [Fact]
    public void Select_Spike_KeepsGlobalExtremes()
    {
        int n = 10_000;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i;
            y[i] = Math.Sin(i / 300.0);
        }

        y[4321] = 50;
        y[777] = -50;
        int[] kept = CurveThinning.Select(x, y, 100);
        Assert.Contains(4321, kept);
        Assert.Contains(777, kept);
        Assert.True(kept.Length <= 100);
    }

    [Fact]
    public void Select_SameInput_SameIndices()
    {
        var rng = new Random(5);
        double[] x = Enumerable.Range(0, 20_000).Select(_ => rng.NextDouble()).ToArray();
        double[] y = Enumerable.Range(0, 20_000).Select(_ => rng.NextDouble()).ToArray();
        Assert.Equal(CurveThinning.Select(x, y, 500), CurveThinning.Select(x, y, 500));
    }

    [Fact]
    public void Select_NonFinitePoint_Throws()
    {
        Assert.Throws<ArgumentException>(() => CurveThinning.Select([0.0, double.NaN], [0.0, 1], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => CurveThinning.Select([0.0, 1], [0.0, 1], 1));
    }
}
