using Verdict.Curves;
using Verdict.Probabilistic;
using Verdict.Scores;

namespace Verdict.Tests.Kernels;

public class MulticlassKernelTests
{
    public static TheoryData<int> ClassCounts => new() { 2, 3, 5 };

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void OneVsRestAndOneVsOne_EveryLength1To300_EqualReference(int k)
    {
        var rng = new Random(200 + k);
        for (int n = 1; n <= 300; n++)
        {
            int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            double[] p = KernelReference.Probabilities(rng, n, k);
            AssertAucs(y, p, k);
        }
    }

    [Theory]
    [InlineData(200_000, 6)]
    [InlineData(150_000, 10)]
    public void OneVsRestAndOneVsOne_LargeParallel_EqualReference(int n, int k)
    {
        var rng = new Random(n);
        int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k - 1)).ToArray(); // the last class is absent
        double[] p = KernelReference.Probabilities(rng, n, k);
        AssertAucs(y, p, k);
    }

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void TopKAndLogLoss_EveryLength1To300_EqualReference(int k)
    {
        var rng = new Random(300 + k);
        for (int n = 1; n <= 300; n++)
        {
            int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            double[] p = KernelReference.Probabilities(rng, n, k);
            double[] w = KernelReference.Weights(rng, n);
            w[0] = 1;
            AssertTopKAndLogLoss(y, p, k, w);
        }
    }

    [Theory]
    [InlineData(200_000, 6)]
    [InlineData(110_000, 10)]
    public void TopKAndLogLoss_LargeParallel_EqualReference(int n, int k)
    {
        var rng = new Random(n);
        int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        double[] p = KernelReference.Probabilities(rng, n, k);
        AssertTopKAndLogLoss(y, p, k, KernelReference.Weights(rng, n));
    }

    [Fact]
    public void TopKAndLogLoss_BadLabelOrScoreInLargeInput_NamesTheFirstBadRow()
    {
        int n = 200_000, k = 6;
        var rng = new Random(1);
        int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        double[] p = KernelReference.Probabilities(rng, n, k);
        y[150_000] = k;
        Assert.Contains("row 150001", Assert.Throws<ArgumentOutOfRangeException>(() => TopKAccuracy.Compute(y, p, k, 2)).Message);
        Assert.Contains("row 150001", Assert.Throws<ArgumentOutOfRangeException>(() => LogLoss.Multiclass(y, p, k)).Message);
        y[150_000] = 0;
        p[(123_456 * k) + 2] = double.NaN;
        Assert.Contains("position " + ((123_456 * k) + 3), Assert.Throws<ArgumentException>(() => TopKAccuracy.Compute(y, p, k, 2)).Message);
        Assert.Contains("position " + ((123_456 * k) + 3), Assert.Throws<ArgumentException>(() => LogLoss.Multiclass(y, p, k)).Message);
    }

    private static void AssertTopKAndLogLoss(int[] y, double[] p, int k, double[] w)
    {
        for (int top = 1; top <= k; top++)
        {
            Assert.Equal(TopK(y, p, k, top, null), TopKAccuracy.Compute(y, p, k, top));
            Assert.Equal(TopK(y, p, k, top, w), TopKAccuracy.Compute(y, p, k, top, w));
        }

        Assert.Equal(Loss(y, p, k, null), LogLoss.Multiclass(y, p, k));
        Assert.Equal(Loss(y, p, k, w), LogLoss.Multiclass(y, p, k, w));
    }

    private static void AssertAucs(int[] y, double[] p, int k)
    {
        int n = y.Length;
        var perClass = new double[k];
        for (int c = 0; c < k; c++)
        {
            double[] column = Enumerable.Range(0, n).Select(r => p[(r * k) + c]).ToArray();
            (_, double[] tps, double[] fps) = KernelReference.Curve(column, y.Select(v => v == c).ToArray());
            perClass[c] = KernelReference.Auc(tps, fps);
        }

        Assert.Equal(perClass, MulticlassAuc.OneVsRestPerClass(y, p, k));
        Assert.Equal(perClass.Sum() / k, MulticlassAuc.OneVsRest(y, p, k, Average.Macro));
        double[] support = Enumerable.Range(0, k).Select(c => (double)y.Count(v => v == c)).ToArray();
        double weighted = 0;
        for (int c = 0; c < k; c++)
        {
            weighted += support[c] != 0 ? perClass[c] * support[c] : 0;
        }

        Assert.Equal(weighted / support.Sum(), MulticlassAuc.OneVsRest(y, p, k, Average.Weighted));

        double sum = 0, weightSum = 0, sumW = 0, weightSumW = 0;
        int pairs = 0;
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                int na = y.Count(v => v == a), nb = y.Count(v => v == b);
                if (na == 0 || nb == 0)
                {
                    continue;
                }

                double pair = (PairAuc(y, p, k, a, b) + PairAuc(y, p, k, b, a)) / 2;
                double prevalence = (double)(na + nb) / n;
                sum += pair;
                weightSum += 1;
                sumW += pair * prevalence;
                weightSumW += prevalence;
                pairs++;
            }
        }

        Assert.Equal(pairs == 0 ? double.NaN : sum / weightSum, MulticlassAuc.OneVsOne(y, p, k, Average.Macro));
        Assert.Equal(pairs == 0 ? double.NaN : sumW / weightSumW, MulticlassAuc.OneVsOne(y, p, k, Average.Weighted));
    }

    private static double PairAuc(int[] y, double[] p, int k, int positive, int negative)
    {
        int[] rows = Enumerable.Range(0, y.Length).Where(r => y[r] == positive || y[r] == negative).ToArray();
        (_, double[] tps, double[] fps) = KernelReference.Curve(rows.Select(r => p[(r * k) + positive]).ToArray(),
                                                               rows.Select(r => y[r] == positive).ToArray());
        return KernelReference.Auc(tps, fps);
    }

    private static double TopK(int[] y, double[] p, int k, int top, double[]? w)
    {
        double hits = 0, total = 0;
        for (int r = 0; r < y.Length; r++)
        {
            int t = y[r], rank = 0;
            for (int j = 0; j < k; j++)
            {
                double v = p[(r * k) + j], st = p[(r * k) + t];
                if (v > st || (j > t && v == st))
                {
                    rank++;
                }
            }

            double weight = w is null ? 1.0 : w[r];
            hits += rank < top ? weight : 0;
            total += weight;
        }

        return hits / total;
    }

    private static double Loss(int[] y, double[] p, int k, double[]? w)
    {
        double sum = 0, weightSum = 0;
        for (int r = 0; r < y.Length; r++)
        {
            double rowSum = 0;
            for (int j = 0; j < k; j++)
            {
                rowSum += Math.Clamp(p[(r * k) + j], LogLoss.Epsilon, 1 - LogLoss.Epsilon);
            }

            double loss = -Math.Log(Math.Clamp(p[(r * k) + y[r]], LogLoss.Epsilon, 1 - LogLoss.Epsilon) / rowSum);
            double weight = w is null ? 1.0 : w[r];
            sum += loss * weight;
            weightSum += weight;
        }

        return sum / weightSum;
    }
}
