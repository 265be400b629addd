using Verdict.Curves;

namespace Verdict.Tests.Kernels;

public class CurveKernelTests
{
    public static TheoryData<int> Kinds => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compute_EveryLength1To300_EqualsReference(int kind)
    {
        var rng = new Random(100 + kind);
        for (int n = 1; n <= 300; n++)
        {
            double[] s = KernelReference.Scores(rng, n, kind);
            bool[] pos = Enumerable.Range(0, n).Select(_ => rng.Next(3) == 0).ToArray();
            AssertCurve(KernelReference.Curve(s, pos), BinaryCurve.Compute(s, pos));
            byte[] bytes = pos.Select(p => p ? (byte)1 : (byte)0).ToArray();
            AssertCurve(KernelReference.Curve(s, pos), BinaryCurve.Compute(s, bytes));
            int[] labels = pos.Select(p => p ? 2 : rng.Next(2)).ToArray();
            AssertCurve(KernelReference.Curve(s, pos), BinaryCurve.Compute(s, labels, 2));

            double[] w = KernelReference.Weights(rng, n);
            if (w.Any(x => x != 0))
            {
                AssertCurve(KernelReference.Curve(s, pos, w), BinaryCurve.Compute(s, pos, w));
                AssertCurve(KernelReference.Curve(s, pos, w), BinaryCurve.Compute(s, bytes, w));
            }
        }
    }

    [Theory]
    [InlineData(20_000, 1)]
    [InlineData(50_000, 0)]
    [InlineData(300_000, 0)]
    [InlineData(300_000, 1)]
    [InlineData(300_000, 2)]
    public void Compute_LargeContinuousAndQuantised_EqualsReference(int n, int kind)
    {
        var rng = new Random(n + kind);
        double[] s = kind == 1 ? Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble(), 3)).ToArray() : KernelReference.Scores(rng, n, kind);
        bool[] pos = Enumerable.Range(0, n).Select(_ => rng.Next(10) == 0).ToArray();
        AssertCurve(KernelReference.Curve(s, pos), BinaryCurve.Compute(s, pos));
        double[] w = KernelReference.Weights(rng, n);
        AssertCurve(KernelReference.Curve(s, pos, w), BinaryCurve.Compute(s, pos, w));
    }

    [Fact]
    public void Workspace_ReusedAcrossCurves_EqualsReference()
    {
        var rng = new Random(7);
        var ws = new CurveWorkspace(300);
        for (int n = 0; n <= 300; n++)
        {
            double[] s = KernelReference.Scores(rng, n, n % 4);
            bool[] pos = Enumerable.Range(0, n).Select(_ => rng.Next(2) == 0).ToArray();
            double[] w = KernelReference.Weights(rng, n);
            foreach (bool weighted in new[] { false, true })
            {
                s.CopyTo(ws.Keys, 0);
                pos.CopyTo(ws.Positive, 0);
                w.CopyTo(ws.Weight, 0);
                ws.Build(n, weighted);
                (double[] thr, double[] tps, double[] fps) = KernelReference.Curve(s, pos, weighted ? w : null);
                Assert.Equal(thr, ws.Thresholds.AsSpan(0, ws.Count).ToArray());
                Assert.Equal(tps, ws.Tps.ToArray());
                Assert.Equal(fps, ws.Fps.ToArray());
                Assert.Equal(tps.Length == 0 ? 0 : tps[^1], ws.Positives);
                Assert.Equal(fps.Length == 0 ? 0 : fps[^1], ws.Negatives);
            }
        }
    }

    private static void AssertCurve((double[] Thresholds, double[] Tps, double[] Fps) expected, BinaryCurve actual)
    {
        Assert.Equal(expected.Thresholds, actual.Thresholds);
        Assert.Equal(expected.Tps, actual.TruePositives);
        Assert.Equal(expected.Fps, actual.FalsePositives);
        Assert.Equal(expected.Tps[^1], actual.Positives);
        Assert.Equal(expected.Fps[^1], actual.Negatives);
        double auc = KernelReference.Auc(expected.Tps, expected.Fps);
        Assert.Equal(auc, actual.RocAuc());
    }
}

public class CurveKernelCheckTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Compute_NonFiniteScore_NamesItsPosition(double bad)
    {
        var rng = new Random(1);
        double[] s = Enumerable.Range(0, 100_000).Select(_ => rng.NextDouble()).ToArray();
        bool[] pos = s.Select(v => v > 0.7).ToArray();
        s[77_777] = bad;
        Assert.Contains("position 77778", Assert.Throws<ArgumentException>(() => Verdict.Curves.BinaryCurve.Compute(s, pos)).Message);
        Assert.Contains("position 77778", Assert.Throws<ArgumentException>(() => Verdict.Curves.BinaryCurve.Compute(s, pos.Select(p => p ? (byte)1 : (byte)0).ToArray())).Message);
    }

    [Fact]
    public void MulticlassAuc_NonFiniteAfterBadRowSum_ReportsNonFiniteFirst()
    {
        double[] p = [0.5, 0.4, 0.3, 0.7, double.NaN, 1.0];
        int[] y = [0, 1, 0];
        Assert.Contains("position 5", Assert.Throws<ArgumentException>(() => Verdict.Curves.MulticlassAuc.OneVsRest(y, p, 2, Verdict.Scores.Average.Macro)).Message);
        p[4] = 0.0;
        Assert.Contains("row 1 sum", Assert.Throws<ArgumentException>(() => Verdict.Curves.MulticlassAuc.OneVsRest(y, p, 2, Verdict.Scores.Average.Macro)).Message);
        p[0] = 0.5;
        p[1] = 0.5;
        p[2] = 0.2;
        Assert.Contains("row 2 sum", Assert.Throws<ArgumentException>(() => Verdict.Curves.MulticlassAuc.OneVsOne(y, p, 2)).Message);
    }
}

public class CurveFoldKernelTests
{
    [Theory]
    [InlineData(10, false)]
    [InlineData(300, true)]
    [InlineData(400_000, false)]
    [InlineData(400_000, true)]
    public void RocAndPrecisionRecall_ChunkedPasses_EqualSequentialReference(int n, bool ties)
    {
        var rng = new Random(n);
        double[] s = Enumerable.Range(0, n).Select(_ => ties ? rng.Next(n / 3 + 1) / 7.0 : rng.NextDouble()).ToArray();
        bool[] pos = Enumerable.Range(0, n).Select(_ => rng.Next(5) == 0).ToArray();
        Verdict.Curves.BinaryCurve curve = Verdict.Curves.BinaryCurve.Compute(s, pos);
        double[] tps = [.. curve.TruePositives], fps = [.. curve.FalsePositives], thr = [.. curve.Thresholds];
        double p = curve.Positives, q = curve.Negatives;
        foreach (bool drop in new[] { false, true })
        {
            var roc = curve.Roc(drop);
            var (eFpr, eTpr, eThr) = (new List<double> { 0 }, new List<double> { 0 }, new List<double> { double.PositiveInfinity });
            for (int i = 0; i < tps.Length; i++)
            {
                bool keep = !drop || tps.Length <= 2 || i == 0 || i == tps.Length - 1
                    || ((fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1])) != 0 || ((tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1])) != 0;
                if (keep)
                {
                    eFpr.Add(fps[i] / q);
                    eTpr.Add(tps[i] / p);
                    eThr.Add(thr[i]);
                }
            }

            Assert.Equal(eFpr, roc.FalsePositiveRate);
            Assert.Equal(eTpr, roc.TruePositiveRate);
            Assert.Equal(eThr, roc.Thresholds);

            var pr = curve.PrecisionRecall(drop);
            var (ePrecision, eRecall, ePrThr) = (new List<double>(), new List<double>(), new List<double>());
            for (int i = tps.Length - 1; i >= 0; i--)
            {
                bool keep = !drop || tps.Length <= 2 || i == 0 || i == tps.Length - 1 || (tps[i] - tps[i - 1]) != 0 || (tps[i + 1] - tps[i]) != 0;
                if (keep)
                {
                    ePrecision.Add(tps[i] / (tps[i] + fps[i]));
                    eRecall.Add(tps[i] / p);
                    ePrThr.Add(thr[i]);
                }
            }

            ePrecision.Add(1.0);
            eRecall.Add(0.0);
            Assert.Equal(ePrecision, pr.Precision);
            Assert.Equal(eRecall, pr.Recall);
            Assert.Equal(ePrThr, pr.Thresholds);
        }
    }
}
