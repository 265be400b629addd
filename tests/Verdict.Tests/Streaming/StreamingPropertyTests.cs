using System.Globalization;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;
using Verdict.Streaming;

namespace Verdict.Tests.Streaming;

/// <summary>Hundreds of generated inputs: any split into shards and batches, merged in any order, equals one pass.</summary>
public sealed class StreamingPropertyTests
{
    private const int Trials = 300;

    [Fact]
    public void ReportState_AnyShardingAndMergeOrder_EqualsOnePass()
    {
        var rng = new Random(11);
        for (int t = 0; t < Trials; t++)
        {
            bool weighted = rng.Next(2) == 0, withScores = rng.Next(2) == 0;
            (string[] y, string[] p, double[] s, double[] w) = Generate(rng, weighted);
            ReportState one = Build(y, p, s, w, weighted, withScores, 0, y.Length);
            ReportState merged = MergedShards(rng, y, p, s, w, weighted, withScores);
            AssertSameReport(one.ToReport(ZeroDivision.NaN), merged.ToReport(ZeroDivision.NaN), $"trial {t}");
        }
    }

    [Fact]
    public void ReportState_ShardsMissingLabels_MergeByName()
    {
        ReportState a = Build(["cat", "cat", "dog"], ["cat", "dog", "dog"], [], [], false, false, 0, 3);
        ReportState b = Build(["bird", "cat"], ["bird", "bird"], [], [], false, false, 0, 2);
        ReportState one = Build(["cat", "cat", "dog", "bird", "cat"], ["cat", "dog", "dog", "bird", "bird"], [], [], false, false, 0, 5);
        a.Merge(b);
        AssertSameReport(one.ToReport(), a.ToReport(), "labels differ across shards");
        Assert.Equal(["bird", "cat", "dog"], a.ToReport().Labels);
    }

    [Fact]
    public void ReportStateJson_RoundTrip_GivesTheSameReport()
    {
        var rng = new Random(5);
        for (int t = 0; t < 50; t++)
        {
            bool weighted = rng.Next(2) == 0;
            (string[] y, string[] p, double[] s, double[] w) = Generate(rng, weighted);
            ReportState state = Build(y, p, s, w, weighted, true, 0, y.Length);
            state.AddShardId("shard-" + t.ToString(CultureInfo.InvariantCulture));
            state.AddNote("a note");
            ReportState back = ReportStateJson.Read(ReportStateJson.ToText(state));
            Assert.Equal(ReportStateJson.ToText(state), ReportStateJson.ToText(back));
            Assert.Equal(EvaluationJson.ToText(state.ToReport()), EvaluationJson.ToText(back.ToReport()));
        }
    }

    [Fact]
    public void ReportState_SameShardTwice_IsAnError()
    {
        ReportState a = Build(["a"], ["a"], [], [], false, false, 0, 1);
        a.AddShardId("07");
        ReportState b = Build(["a"], ["a"], [], [], false, false, 0, 1);
        b.AddShardId("07");
        var ex = Assert.Throws<ArgumentException>(() => a.Merge(b));
        Assert.Contains("Shard '07' is already merged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportState_DifferentConfiguration_IsAnErrorNamingTheDifference()
    {
        ReportState a = ReportState.SingleLabel(null, "1", weighted: false);
        ReportState b = ReportState.SingleLabel(null, "1", weighted: true);
        Assert.Contains("weighting", Assert.Throws<ArgumentException>(() => a.Merge(b)).Message, StringComparison.Ordinal);
        ReportState c = ReportState.SingleLabel(null, "0", weighted: false);
        Assert.Contains("positive label", Assert.Throws<ArgumentException>(() => a.Merge(c)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportStateJson_WrongSchema_FailsClearly()
    {
        var ex = Assert.Throws<FormatException>(() => ReportStateJson.Read("{\"schema\": \"verdict/report/v1\"}"));
        Assert.Contains("verdict/state/v1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultilabelCountsAccumulator_AnyBatches_EqualsOnePass()
    {
        var rng = new Random(3);
        for (int t = 0; t < Trials; t++)
        {
            int k = rng.Next(1, 6), n = rng.Next(1, 80);
            byte[] y = new byte[n * k], p = new byte[n * k];
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = (byte)rng.Next(2);
                p[i] = (byte)(rng.NextDouble() < 0.7 ? y[i] : 1 - y[i]);
            }

            var one = new MultilabelCountsAccumulator(k);
            one.Add(y, p);
            var parts = new List<MultilabelCountsAccumulator>();
            for (int start = 0; start < n;)
            {
                int len = rng.Next(1, n - start + 1);
                var part = new MultilabelCountsAccumulator(k);
                part.Add(y.AsSpan(start * k, len * k), p.AsSpan(start * k, len * k));
                parts.Add(part);
                start += len;
            }

            var merged = new MultilabelCountsAccumulator(k);
            foreach (MultilabelCountsAccumulator part in parts.OrderBy(_ => rng.Next()))
            {
                merged.Merge(part);
            }

            string[] names = Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            AssertSameReport(EvaluationReport.For(one.ToCounts(), names, false), EvaluationReport.For(merged.ToCounts(), names, false), $"trial {t}");
        }
    }

    [Fact]
    public void EvaluationSession_TwoF1sAndPrecision_ShareOneMatrixAndMatchTheReport()
    {
        var session = new EvaluationSession(
        [
            new MetricRequest("f1", Average.Macro), new MetricRequest("f1", Average.Micro), new MetricRequest("precision", Average.Weighted),
            new MetricRequest("accuracy"), new MetricRequest("roc_auc"), new MetricRequest("average_precision"), new MetricRequest("log_loss"),
        ], positive: "1");
        Assert.Equal(3, session.StatisticCount);
        var rng = new Random(9);
        (string[] y, string[] p, double[] s, _) = Generate(rng, false, classes: 2);
        session.Add(y[..(y.Length / 2)], p[..(y.Length / 2)], s.AsSpan(0, y.Length / 2));
        var other = new EvaluationSession(session.Metrics, positive: "1");
        other.Add(y[(y.Length / 2)..], p[(y.Length / 2)..], s.AsSpan(y.Length / 2));
        session.Merge(other);
        IReadOnlyDictionary<MetricRequest, double> first = session.Compute();
        IReadOnlyDictionary<MetricRequest, double> again = session.Compute();
        Assert.Equal(first, again);
        EvaluationReport whole = Build(y, p, s, [], false, true, 0, y.Length).ToReport();
        Close(whole.ClassificationReport.Averages.Single(a => a.Name == "macro avg").FScore, first[new MetricRequest("f1", Average.Macro)], "f1 macro");
        Close(whole.Metrics.Single(m => m.Name == "roc_auc").Value, first[new MetricRequest("roc_auc")], "roc_auc");
        Close(whole.Metrics.Single(m => m.Name == "log_loss").Value, first[new MetricRequest("log_loss")], "log_loss");
        Close(whole.Metrics.Single(m => m.Name == "accuracy").Value, first[new MetricRequest("accuracy")], "accuracy");
    }

    [Fact]
    public void EvaluationSession_UnknownMetric_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EvaluationSession([new MetricRequest("f2score")], positive: "1"));
    }

    private static ReportState MergedShards(Random rng, string[] y, string[] p, double[] s, double[] w, bool weighted, bool withScores)
    {
        var shards = new List<ReportState>();
        for (int start = 0; start < y.Length;)
        {
            int len = rng.Next(1, y.Length - start + 1);
            shards.Add(Build(y, p, s, w, weighted, withScores, start, len));
            start += len;
        }

        shards = [.. shards.OrderBy(_ => rng.Next())];
        while (shards.Count > 1)
        {
            int i = rng.Next(shards.Count - 1);
            shards[i].Merge(shards[i + 1]);
            shards.RemoveAt(i + 1);
        }

        return shards[0];
    }

    private static ReportState Build(string[] y, string[] p, double[] s, double[] w, bool weighted, bool withScores, int start, int length)
    {
        ReportState state = ReportState.SingleLabel(null, "1", weighted, withScores ? ScoreKind.Binary : ScoreKind.None);
        ReadOnlySpan<double> weights = weighted ? w.AsSpan(start, length) : default;
        state.Counts!.Add(y[start..(start + length)], p[start..(start + length)], weights);
        if (withScores)
        {
            int[] targets = y[start..(start + length)].Select(v => v == "1" ? 1 : 0).ToArray();
            state.Scores!.Add(s.AsSpan(start, length), targets, weights);
        }

        return state;
    }

    private static (string[] Y, string[] P, double[] S, double[] W) Generate(Random rng, bool weighted, int? classes = null)
    {
        int k = classes ?? rng.Next(2, 5), n = rng.Next(1, 150);
        string[] y = Enumerable.Range(0, n).Select(_ => rng.Next(k).ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] p = y.Select(v => rng.NextDouble() < 0.6 ? v : rng.Next(k).ToString(CultureInfo.InvariantCulture)).ToArray();
        double[] s = y.Select(v => Math.Round((v == "1" ? 0.3 : 0) + (rng.NextDouble() * 0.7), 2)).ToArray();
        double[] w = weighted ? Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 2, 2)).ToArray() : [];
        return (y, p, s, w);
    }

    private static void AssertSameReport(EvaluationReport a, EvaluationReport b, string what)
    {
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Rows, b.Rows);
        for (int m = 0; m < a.Matrices.Count; m++)
        {
            for (int i = 0; i < a.Matrices[m].Length; i++)
            {
                for (int j = 0; j < a.Matrices[m][i].Length; j++)
                {
                    Close(a.Matrices[m][i][j], b.Matrices[m][i][j], $"{what} matrix");
                }
            }
        }

        ClassificationReport ra = a.ClassificationReport, rb = b.ClassificationReport;
        foreach ((ReportRow x, ReportRow z) in ra.Classes.Concat(ra.Averages).Zip(rb.Classes.Concat(rb.Averages)))
        {
            Assert.Equal(x.Name, z.Name);
            Close(x.Precision, z.Precision, $"{what} {x.Name} precision");
            Close(x.Recall, z.Recall, $"{what} {x.Name} recall");
            Close(x.FScore, z.FScore, $"{what} {x.Name} f");
            Close(x.Support, z.Support, $"{what} {x.Name} support");
        }

        Assert.Equal(a.Metrics.Count, b.Metrics.Count);
        foreach ((MetricValue x, MetricValue z) in a.Metrics.Zip(b.Metrics))
        {
            Assert.Equal(x.Name, z.Name);
            Close(x.Value, z.Value, $"{what} {x.Name}");
        }
    }

    private static void Close(double x, double y, string what)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            Assert.True(double.IsNaN(x) && double.IsNaN(y), $"{what}: {x} vs {y}");
            return;
        }

        Assert.True(Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"{what}: {x} vs {y}");
    }
}
