using Verdict.Curves;

namespace Verdict.Tests.Curves;

public class TopKAccuracyTests
{
    [Fact]
    public void Compute_DocExample_ScikitLearnValue()
    {
        int[] y = [0, 1, 2, 2];
        double[] s = [0.5, 0.2, 0.2, 0.3, 0.4, 0.2, 0.2, 0.4, 0.3, 0.7, 0.2, 0.1];
        Assert.Equal(0.75, TopKAccuracy.Compute(y, s, 3, k: 2));
        Assert.Equal(3.0, TopKAccuracy.Compute(y, s, 3, k: 2, normalize: false));
        Assert.Equal(1.0, TopKAccuracy.Compute(y, s, 3, k: 3));
    }

    [Fact]
    public void Compute_Ties_HigherClassIndexRanksFirst()
    {
        double[] s = [0.4, 0.4, 0.2];
        Assert.Equal(0.0, TopKAccuracy.Compute([0], s, 3, k: 1));
        Assert.Equal(1.0, TopKAccuracy.Compute([1], s, 3, k: 1));
        Assert.Equal(1.0, TopKAccuracy.Compute([0], s, 3, k: 2));
    }

    [Fact]
    public void Compute_Weighted_IsWeightedShareOfHits()
    {
        double[] s = [0.9, 0.1, 0.2, 0.8];
        Assert.Equal(0.25, TopKAccuracy.Compute([0, 0], s, 2, k: 1, [1, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopKAccuracy.Compute([0, 0], s, 2, k: 0));
    }
}
