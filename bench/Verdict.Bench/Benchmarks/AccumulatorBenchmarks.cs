using BenchmarkDotNet.Attributes;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Streaming;

namespace Verdict.Bench.Benchmarks;

/// <summary>
/// Streaming versus one shot: the same rows added to an accumulator in batches of 65,536 (as a training loop or a
/// file reader would) against the one-shot kernel on the whole array. The target is Add throughput within 20% of
/// the one-shot kernels. The <c>...SmallBatches</c> rows use batches of 4,096, below the size at which a batch is
/// split over cores, to show what small batches cost; <c>CurveAccumulatorReused</c> appends into storage kept
/// from the previous call, and <c>CurveAccumulatorCapacity</c> is told the row count up front.
/// </summary>
[Config(typeof(BenchConfig))]
public class AccumulatorBenchmarks
{
    private const int Batch = 1 << 16;
    private const int SmallBatch = 1 << 12;
    private const int Classes = 10;
    private int[] _actual = [];
    private int[] _predicted = [];
    private string[] _names = [];
    private double[] _scores = [];
    private int[] _targets = [];
    private readonly ScoreAccumulator _reused = new(1);

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
    public long ConfusionAccumulatorBatches() => ConfusionBatches(Batch);

    /// <summary>As <see cref="ConfusionAccumulatorBatches"/>, in batches of 4,096.</summary>
    [Benchmark]
    public long ConfusionAccumulatorSmallBatches() => ConfusionBatches(SmallBatch);

    /// <summary>The same rows through <see cref="LabelCountsAccumulator.Add(ReadOnlySpan{int}, IReadOnlyList{string}, ReadOnlySpan{int}, IReadOnlyList{string}, ReadOnlySpan{double})"/> (label-aware, mergeable by name) in batches.</summary>
    [Benchmark]
    public long LabelCountsAccumulatorBatches() => LabelCountsBatches(Batch);

    /// <summary>As <see cref="LabelCountsAccumulatorBatches"/>, in batches of 4,096.</summary>
    [Benchmark]
    public long LabelCountsAccumulatorSmallBatches() => LabelCountsBatches(SmallBatch);

    /// <summary>One-shot exact curve and ROC AUC.</summary>
    [Benchmark]
    public double CurveOneShot() => BinaryCurve.Compute(_scores, _targets, 1).RocAuc();

    /// <summary>
    /// The one-shot kernel as a caller without an accumulator uses it on batches: the batches copied into arrays of
    /// all rows (allocated uninitialised, the row count known up front), then the one-shot curve and ROC AUC. The
    /// like-for-like comparison for <see cref="CurveAccumulatorBatches"/>, whose storage also starts untouched.
    /// </summary>
    [Benchmark]
    public double CurveOneShotCollected()
    {
        double[] scores = GC.AllocateUninitializedArray<double>(N);
        int[] targets = GC.AllocateUninitializedArray<int>(N);
        for (int start = 0; start < N; start += Batch)
        {
            int len = Math.Min(Batch, N - start);
            _scores.AsSpan(start, len).CopyTo(scores.AsSpan(start));
            _targets.AsSpan(start, len).CopyTo(targets.AsSpan(start));
        }

        return BinaryCurve.Compute(scores, targets, 1).RocAuc();
    }

    /// <summary>The same scores appended to a <see cref="ScoreAccumulator"/> in batches, then the curve and ROC AUC.</summary>
    [Benchmark]
    public double CurveAccumulatorBatches() => CurveBatches(Batch);

    /// <summary>As <see cref="CurveAccumulatorBatches"/>, in batches of 4,096.</summary>
    [Benchmark]
    public double CurveAccumulatorSmallBatches() => CurveBatches(SmallBatch);

    private long ConfusionBatches(int batch)
    {
        var acc = new ConfusionMatrixAccumulator(Classes);
        for (int start = 0; start < N; start += batch)
        {
            int len = Math.Min(batch, N - start);
            acc.Add(_actual.AsSpan(start, len), _predicted.AsSpan(start, len));
        }

        return acc.ToMatrix().Rows;
    }

    private long LabelCountsBatches(int batch)
    {
        var acc = new LabelCountsAccumulator();
        for (int start = 0; start < N; start += batch)
        {
            int len = Math.Min(batch, N - start);
            acc.Add(_actual.AsSpan(start, len), _names, _predicted.AsSpan(start, len), _names);
        }

        return acc.Rows;
    }

    /// <summary>
    /// As <see cref="CurveAccumulatorBatches"/>, into one accumulator reset and reused from call to call (as an
    /// evaluation repeated every epoch would): the storage is already in memory, so this row shows the cost of
    /// appending and sorting without the first touch of fresh pages.
    /// </summary>
    [Benchmark]
    public double CurveAccumulatorReused()
    {
        _reused.Reset();
        return CurveBatches(Batch, _reused);
    }

    /// <summary>As <see cref="CurveAccumulatorBatches"/>, with the row count given up front (one chunk of storage).</summary>
    [Benchmark]
    public double CurveAccumulatorCapacity() => CurveBatches(Batch, new ScoreAccumulator(1, capacity: N));

    private double CurveBatches(int batch, ScoreAccumulator? reuse = null)
    {
        ScoreAccumulator acc = reuse ?? new ScoreAccumulator(1);
        for (int start = 0; start < N; start += batch)
        {
            int len = Math.Min(batch, N - start);
            acc.Add(_scores.AsSpan(start, len), _targets.AsSpan(start, len));
        }

        return acc.ToCurve().RocAuc();
    }
}
