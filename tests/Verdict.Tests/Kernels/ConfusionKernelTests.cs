using Verdict.Counts;

namespace Verdict.Tests.Kernels;

public class ConfusionKernelTests
{
    public static TheoryData<int> ClassCounts => new() { 1, 2, 3, 10, 70 };

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void Compute_EveryLength0To300_EqualsReference(int k)
    {
        var rng = new Random(k);
        for (int n = 0; n <= 300; n++)
        {
            int[] a = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            int[] p = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            AssertCounts(a, p, k);
        }
    }

    [Theory]
    [InlineData(5_000, 10)]
    [InlineData(300_000, 3)]
    [InlineData(300_000, 10)]
    [InlineData(300_000, 1000)]
    [InlineData(1_100_000, 2)]
    public void Compute_LargeSerialAndParallel_EqualsReference(int n, int k)
    {
        var rng = new Random(n + k);
        int[] a = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        int[] p = a.Select(v => rng.Next(4) == 0 ? rng.Next(k) : v).ToArray();
        AssertCounts(a, p, k);
    }

    [Fact]
    public void Add_BatchesOfEverySize_EqualOnePass()
    {
        var rng = new Random(3);
        int n = 400_000, k = 7;
        int[] a = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        int[] p = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        var acc = new ConfusionMatrixAccumulator(k);
        int at = 0;
        foreach (int size in new[] { 0, 1, 5, 299, 4095, 4096, 70_000, 300_000 })
        {
            int take = Math.Min(size, n - at);
            acc.Add(a.AsSpan(at, take), p.AsSpan(at, take));
            at += take;
        }

        acc.Add(a.AsSpan(at), p.AsSpan(at));
        Assert.Equal(Reference(a, p, k), acc.ToMatrix().CountsView);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(300_000)]
    public void Add_IndexOutOfRange_ThrowsForFirstBadRowAndCountsNothing(int n)
    {
        int k = 4;
        var rng = new Random(n);
        int[] a = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        int[] p = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        p[n / 2] = k;
        a[(n / 2) + 1] = -1;
        var acc = new ConfusionMatrixAccumulator(k);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(a, p));
        Assert.Contains($"row {(n / 2) + 2}", e.Message);
        Assert.Equal(0, acc.ToMatrix().Rows);
        a[(n / 2) + 1] = 0;
        e = Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(a, p));
        Assert.Contains($"row {(n / 2) + 1}", e.Message);
        Assert.Equal(0, acc.ToMatrix().Rows);
    }

    private static void AssertCounts(int[] a, int[] p, int k)
    {
        ConfusionMatrix m = ConfusionMatrix.Compute(a, p, k);
        Assert.Equal(Reference(a, p, k), m.CountsView);
    }

    private static long[] Reference(int[] a, int[] p, int k)
    {
        var counts = new long[k * k];
        for (int i = 0; i < a.Length; i++)
        {
            counts[(a[i] * k) + p[i]]++;
        }

        return counts;
    }
}
