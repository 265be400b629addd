using Verdict.Internal;

namespace Verdict.Tests.Kernels;

public class RadixSortTests
{
    public static TheoryData<int> Kinds => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sort_EveryLength0To300_EqualsArraySort(int kind)
    {
        var rng = new Random(kind);
        for (int n = 0; n <= 300; n++)
        {
            double[] s = KernelReference.Scores(rng, n, kind);
            ulong[] keys = s.Select(RadixSort.Key).ToArray();
            ulong[] expected = (ulong[])keys.Clone();
            Array.Sort(expected);
            Span<ulong> sorted = RadixSort.Sort(keys, new ulong[n]);
            Assert.Equal(expected, sorted.ToArray());
        }
    }

    [Theory]
    [InlineData(3000, 0)]
    [InlineData(3000, 1)]
    [InlineData(300_000, 0)]
    [InlineData(300_000, 2)]
    [InlineData(300_000, 3)]
    public void Sort_LargeSerialAndParallel_EqualsArraySort(int n, int kind)
    {
        double[] s = KernelReference.Scores(new Random(n + kind), n, kind);
        ulong[] expected = s.Select(RadixSort.Key).ToArray();
        Array.Sort(expected);
        foreach (bool parallel in new[] { false, true })
        {
            ulong[] keys = s.Select(RadixSort.Key).ToArray();
            Assert.Equal(expected, RadixSort.Sort(keys, new ulong[n], parallel).ToArray());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SortWithPayload_EveryLengthAndLarge_IsStable(int kind)
    {
        var rng = new Random(10 + kind);
        foreach (int n in Enumerable.Range(0, 301).Concat([5000, 300_000]))
        {
            double[] s = KernelReference.Scores(rng, n, kind);
            ulong[] keys = s.Select(RadixSort.Key).ToArray();
            double[] payload = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
            int[] expected = Enumerable.Range(0, n).OrderBy(i => keys[i]).ToArray();
            Span<ulong> sorted = RadixSort.Sort(keys, new ulong[n], payload, new double[n], out Span<double> values);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(expected[i], (int)values[i]);
                Assert.Equal(RadixSort.Key(s[expected[i]]), sorted[i]);
            }
        }
    }

    [Fact]
    public void Key_OrderMatchesNumericOrder_ZerosShareOneKey()
    {
        var rng = new Random(5);
        for (int i = 0; i < 100_000; i++)
        {
            double a = KernelReference.Scores(rng, 1, i % 4)[0], b = KernelReference.Scores(rng, 1, (i / 4) % 4)[0];
            Assert.Equal(a.CompareTo(b), RadixSort.Key(a).CompareTo(RadixSort.Key(b)));
            Assert.Equal(a, RadixSort.Value(RadixSort.Key(a)));
        }

        Assert.Equal(RadixSort.Key(0.0), RadixSort.Key(-0.0));
        Assert.True(double.IsPositive(RadixSort.Value(RadixSort.Key(-0.0))));
        Assert.NotEqual(0UL, RadixSort.Key(-double.MaxValue));
    }
}
