using BenchmarkDotNet.Attributes;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Streaming;

namespace Verdict.Bench.Benchmarks;

/// <summary>
/// Streaming versus one shot: the same rows added to an accumulator in batches of 65,536 (as a training loop or a
/// file reader would) against the one-shot kernel on the whole array. The target is Add throughput within 20% of
/// the one-shot kernels.
/// </summary>
[Config(typeof(BenchConfig))]
public class AccumulatorBenchmarks
{
    private const int Batch = 1 << 16;
    private const int Classes = 10;
    private int[] _actual = [];
    private int[] _predicted = [];
    private string[] _names = [];
    private double[] _scores = [];
    private int[] _targets = [];

    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _actual = SyntheticData.Labels(N, Classes, 1);
        _predicted = SyntheticData.Predictions(_actual, Classes, 2);
        _names = [.. Enumerable.Range(0, Classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        (double[] scores, byte[] labels) = SyntheticData.Binary(N, 3);
        _scores = scores;
        _targets = [.. labels.Select(b => (int)b)];
    }

    /// <summary>One-shot confusion matrix over all rows.</summary>
    [Benchmark(Baseline = true)]
    public long ConfusionOneShot() => ConfusionMatrix.Compute(_actual, _predicted, Classes).Rows;

    /// <summary>The same rows through <see cref="ConfusionMatrixAccumulator.Add"/> in batches.</summary>
    [Benchmark]
    public long ConfusionAccumulatorBatches()
    {
        var acc = new ConfusionMatrixAccumulator(Classes);
        for (int start = 0; start < N; start += Batch)
        {
            int len = Math.Min(Batch, N - start);
            acc.Add(_actual.AsSpan(start, len), _predicted.AsSpan(start, len));
        }

        return acc.ToMatrix().Rows;
    }

    /// <summary>The same rows through <see cref="LabelCountsAccumulator.Add(ReadOnlySpan{int}, IReadOnlyList{string}, ReadOnlySpan{int}, IReadOnlyList{string}, ReadOnlySpan{double})"/> (label-aware, mergeable by name) in batches.</summary>
    [Benchmark]
    public long LabelCountsAccumulatorBatches()
    {
        var acc = new LabelCountsAccumulator();
        for (int start = 0; start < N; start += Batch)
        {
            int len = Math.Min(Batch, N - start);
            acc.Add(_actual.AsSpan(start, len), _names, _predicted.AsSpan(start, len), _names);
        }

        return acc.Rows;
    }

    /// <summary>One-shot exact curve and ROC AUC.</summary>
    [Benchmark]
    public double CurveOneShot() => BinaryCurve.Compute(_scores, _targets, 1).RocAuc();

    /// <summary>The same scores appended to a <see cref="ScoreAccumulator"/> in batches, then the curve and ROC AUC.</summary>
    [Benchmark]
    public double CurveAccumulatorBatches()
    {
        var acc = new ScoreAccumulator(1);
        for (int start = 0; start < N; start += Batch)
        {
            int len = Math.Min(Batch, N - start);
            acc.Add(_scores.AsSpan(start, len), _targets.AsSpan(start, len));
        }

        return acc.ToCurve().RocAuc();
    }
}
