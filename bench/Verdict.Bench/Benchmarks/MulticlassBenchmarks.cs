using BenchmarkDotNet.Attributes;
using Verdict.Curves;
using Verdict.Probabilistic;
using Verdict.Scores;

namespace Verdict.Bench.Benchmarks;

/// <summary>
/// Metrics over a rows × K probability matrix (K = 10): one-vs-rest and one-vs-one ROC AUC, log loss and top-3
/// accuracy.
/// </summary>
[Config(typeof(BenchConfig))]
public class MulticlassBenchmarks
{
    private const int K = 10;
    private int[] _labels = [];
    private double[] _probabilities = [];

    [Params(100_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _labels = SyntheticData.Labels(N, K, 4);
        _probabilities = SyntheticData.Probabilities(_labels, K, 5);
    }

    /// <summary>roc_auc_score(multi_class="ovr"), macro: one curve per class.</summary>
    [Benchmark]
    public double OneVsRestAuc() => MulticlassAuc.OneVsRest(_labels, _probabilities, K, Average.Macro);

    /// <summary>roc_auc_score(multi_class="ovo"), macro (Hand and Till): from per-class sorted ranks.</summary>
    [Benchmark]
    public double OneVsOneAuc() => MulticlassAuc.OneVsOne(_labels, _probabilities, K);

    /// <summary>log_loss with scikit-learn 1.2.1's clipping and renormalisation.</summary>
    [Benchmark]
    public double LogLoss_() => LogLoss.Multiclass(_labels, _probabilities, K);

    /// <summary>top_k_accuracy_score, k = 3.</summary>
    [Benchmark]
    public double Top3Accuracy() => TopKAccuracy.Compute(_labels, _probabilities, K, 3);
}
