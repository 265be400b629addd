using BenchmarkDotNet.Attributes;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Labels;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Bench.Benchmarks;

/// <summary>
/// The counts primitive: the K×K confusion matrix of N label pairs (one pass), and the per-class scores and full
/// classification report computed from it (no further pass over the rows).
/// </summary>
[Config(typeof(BenchConfig))]
public class CountsBenchmarks
{
    private int[] _actual = [];
    private int[] _predicted = [];
    private ConfusionMatrix _matrix = null!;
    private LabelMap _map = null!;

    [Params(100_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [Params(10, 1000)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _actual = SyntheticData.Labels(N, K, 1);
        _predicted = SyntheticData.Predictions(_actual, K, 2);
        _matrix = ConfusionMatrix.Compute(_actual, _predicted, K);
        _map = LabelMap.Range(K);
    }

    /// <summary>One pass over the label pairs into a K×K matrix.</summary>
    [Benchmark]
    public ConfusionMatrix ConfusionMatrix_() => ConfusionMatrix.Compute(_actual, _predicted, K);

    /// <summary>Per-class precision, recall, F1 and support from the matrix (no data pass).</summary>
    [Benchmark]
    public ClassScores ClassScores_() => ClassScores.Compute(_matrix.OneVsRestAll(), 1.0, ZeroDivision.Zero);

    /// <summary>The whole path of scikit-learn's classification_report: matrix, then the report from it.</summary>
    [Benchmark]
    public ClassificationReport MatrixAndReport() =>
        ClassificationReport.For(LabelEvaluation.FromMatrix(_map, ConfusionMatrix.Compute(_actual, _predicted, K)));
}
