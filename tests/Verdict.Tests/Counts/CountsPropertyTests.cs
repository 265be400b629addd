using System.Globalization;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Tests.Counts;

/// <summary>Properties over generated inputs: results do not depend on row order, label names, batching or unit weights.</summary>
public sealed class CountsPropertyTests
{
    private const int Trials = 200;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int s = 0; s < 5; s++)
        {
            data.Add(s);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Report_RowsPermuted_Unchanged(int seed)
    {
        var rng = new Random(seed);
        for (int t = 0; t < Trials / 5; t++)
        {
            (string[] y, string[] p, double[] w) = Generate(rng);
            int[] order = Enumerable.Range(0, y.Length).OrderBy(_ => rng.Next()).ToArray();
            EvaluationReport a = Report(y, p, w);
            EvaluationReport b = Report(order.Select(i => y[i]).ToArray(), order.Select(i => p[i]).ToArray(), order.Select(i => w[i]).ToArray());
            AssertSame(a, b, exactSupport: false);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Report_LabelsRenamedKeepingOrder_SameNumbers(int seed)
    {
        var rng = new Random(seed);
        for (int t = 0; t < Trials / 5; t++)
        {
            (string[] y, string[] p, double[] w) = Generate(rng);
            // "3" -> "class_03": numeric order and zero-padded ordinal order agree, so rows line up.
            static string Rename(string s) => "class_" + int.Parse(s, CultureInfo.InvariantCulture).ToString("00", CultureInfo.InvariantCulture);
            EvaluationReport a = Report(y, p, w);
            EvaluationReport b = Report(y.Select(Rename).ToArray(), p.Select(Rename).ToArray(), w);
            Assert.Equal(a.Labels.Select(Rename), b.Labels);
            AssertSame(a, b, exactSupport: true);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Accumulator_AnySplitIntoBatches_EqualsOnePass(int seed)
    {
        var rng = new Random(seed);
        for (int t = 0; t < Trials / 5; t++)
        {
            int k = rng.Next(1, 8), n = rng.Next(0, 300);
            int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            int[] p = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            ConfusionMatrix one = ConfusionMatrix.Compute(y, p, k);
            var parts = new List<ConfusionMatrixAccumulator>();
            int start = 0;
            while (start < n)
            {
                int len = rng.Next(1, n - start + 1);
                var acc = new ConfusionMatrixAccumulator(k);
                acc.Add(y.AsSpan(start, len), p.AsSpan(start, len));
                parts.Add(acc);
                start += len;
            }

            var merged = new ConfusionMatrixAccumulator(k);
            foreach (ConfusionMatrixAccumulator part in parts.OrderBy(_ => rng.Next()))
            {
                merged.Merge(part);
            }

            ConfusionMatrix m = merged.ToMatrix();
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    Assert.Equal(one.CountAt(i, j), m.CountAt(i, j));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Report_UnitWeights_SameNumbersAsUnweighted(int seed)
    {
        var rng = new Random(seed);
        for (int t = 0; t < Trials / 5; t++)
        {
            (string[] y, string[] p, _) = Generate(rng);
            EvaluationReport a = Report(y, p, []);
            EvaluationReport b = Report(y, p, Enumerable.Repeat(1.0, y.Length).ToArray());
            AssertSame(a, b, exactSupport: true);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FromCodes_InternedColumns_EqualsFromLabels(int seed)
    {
        var rng = new Random(seed);
        for (int t = 0; t < Trials / 5; t++)
        {
            (string[] y, string[] p, double[] w) = Generate(rng);
            (int[] yc, string[] yv) = Intern(y);
            (int[] pc, string[] pv) = Intern(p);
            string[]? labels = rng.Next(3) == 0 ? ["1", "0", "9"] : null;
            LabelEvaluation a = LabelEvaluation.FromLabels(y, p, labels, w);
            LabelEvaluation b = LabelEvaluation.FromCodes(yc, yv, pc, pv, labels, w);
            Assert.Equal(a.Labels.Names, b.Labels.Names);
            AssertSame(EvaluationReport.For(a), EvaluationReport.For(b), exactSupport: true);
        }
    }

    [Fact]
    public void ConfusionMatrix_ParallelPathOnLargeInput_EqualsSequentialCount()
    {
        var rng = new Random(7);
        int n = (1 << 20) + 12345, k = 5;
        int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        int[] p = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        ConfusionMatrix m = ConfusionMatrix.Compute(y, p, k);
        var expected = new long[k, k];
        for (int i = 0; i < n; i++)
        {
            expected[y[i], p[i]]++;
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                Assert.Equal(expected[i, j], m.CountAt(i, j));
            }
        }
    }

    [Fact]
    public void ConfusionMatrix_IndexOutOfRange_ThrowsNamingTheRow()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Compute([0, 1, 5], [0, 1, 1], 3));
        Assert.Contains("row 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelEvaluation_NegativeWeight_ThrowsNamingTheRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => LabelEvaluation.FromLabels(["a", "b"], ["a", "a"], null, [1.0, -2.0]));
        Assert.Contains("row 2", ex.Message, StringComparison.Ordinal);
    }

    private static (int[] Codes, string[] Values) Intern(string[] labels)
    {
        var values = new List<string>();
        var index = new Dictionary<string, int>();
        int[] codes = labels.Select(l =>
        {
            if (!index.TryGetValue(l, out int c))
            {
                c = values.Count;
                index[l] = c;
                values.Add(l);
            }

            return c;
        }).ToArray();
        return (codes, values.ToArray());
    }

    private static (string[] Y, string[] P, double[] W) Generate(Random rng)
    {
        int k = rng.Next(1, 7), n = rng.Next(1, 120);
        string[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k).ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] p = y.Select(v => rng.NextDouble() < 0.6 ? v : rng.Next(k + 1).ToString(CultureInfo.InvariantCulture)).ToArray();
        double[] w = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 3, 1)).ToArray();
        return (y, p, w);
    }

    private static EvaluationReport Report(string[] y, string[] p, double[] w) =>
        EvaluationReport.For(LabelEvaluation.FromLabels(y, p, null, w), ZeroDivision.NaN);

    private static void AssertSame(EvaluationReport a, EvaluationReport b, bool exactSupport)
    {
        ClassificationReport ra = a.ClassificationReport, rb = b.ClassificationReport;
        Assert.Equal(ra.Classes.Count, rb.Classes.Count);
        foreach ((ReportRow x, ReportRow y) in ra.Classes.Concat(ra.Averages).Zip(rb.Classes.Concat(rb.Averages)))
        {
            Close(x.Precision, y.Precision);
            Close(x.Recall, y.Recall);
            Close(x.FScore, y.FScore);
            if (exactSupport)
            {
                Assert.Equal(x.Support, y.Support);
            }
            else
            {
                Close(x.Support, y.Support);
            }
        }

        foreach ((MetricValue x, MetricValue y) in a.Metrics.Zip(b.Metrics))
        {
            Assert.Equal(x.Name, y.Name);
            Close(x.Value, y.Value, x.Name);
        }

        Assert.Equal(a.Notes.Count, b.Notes.Count);
    }

    private static void Close(double x, double y, string what = "")
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            Assert.True(double.IsNaN(x) && double.IsNaN(y), $"{what}: {x} vs {y}");
            return;
        }

        Assert.True(Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"{what}: {x} vs {y}");
    }
}
