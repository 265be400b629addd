using BenchmarkDotNet.Attributes;
using Verdict.Curves;

namespace Verdict.Bench.Benchmarks;

/// <summary>The binned curve (200 fixed thresholds, O(bins) memory): one pass to add the rows, then the curve.</summary>
[Config(typeof(BenchConfig))]
public class BinnedBenchmarks
{
    private double[] _scores = [];
    private bool[] _positives = [];

    [Params(100_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (double[] scores, byte[] labels) = SyntheticData.Binary(N, 6);
        _scores = scores;
        _positives = new bool[N];
        for (int i = 0; i < N; i++)
        {
            _positives[i] = labels[i] == 1;
        }
    }

    /// <summary>Add every row to a 200-threshold accumulator and fold its ROC AUC.</summary>
    [Benchmark]
    public double Binned200()
    {
        var acc = new BinnedCurveAccumulator(200);
        acc.Add(_scores, _positives);
        return acc.ToCurve().RocAuc();
    }
}
