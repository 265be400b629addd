using BenchmarkDotNet.Attributes;
using Verdict.Curves;

namespace Verdict.Bench.Benchmarks;

/// <summary>
/// The curve primitive: one sort of the scores into the exact curve, then the folds scikit-learn computes with
/// four separate sorts (roc_auc_score, average_precision_score, roc_curve, precision_recall_curve).
/// </summary>
[Config(typeof(BenchConfig))]
public class CurveBenchmarks
{
    private double[] _scores = [];
    private byte[] _labels = [];
    private double[] _quantised = [];

    [Params(100_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_scores, _labels) = SyntheticData.Binary(N, 3);
        _quantised = new double[N];
        for (int i = 0; i < N; i++)
        {
            _quantised[i] = Math.Round(_scores[i] * 1000) / 1000;
        }
    }

    /// <summary>The exact curve alone (validation, one sort, cumulative counts).</summary>
    [Benchmark]
    public BinaryCurve Curve() => BinaryCurve.Compute(_scores, _labels);

    /// <summary>The exact curve of scores rounded to 3 decimals (at most 1001 distinct thresholds).</summary>
    [Benchmark]
    public BinaryCurve CurveQuantised() => BinaryCurve.Compute(_quantised, _labels);

    /// <summary>Curve, ROC AUC, average precision, ROC curve and PR curve: the "together" row of RESULTS.md.</summary>
    [Benchmark]
    public double CurveAucApRocPr()
    {
        BinaryCurve curve = BinaryCurve.Compute(_scores, _labels);
        RocCurve roc = curve.Roc();
        PrecisionRecallCurve pr = curve.PrecisionRecall();
        return curve.RocAuc() + curve.AveragePrecision() + roc.Count + pr.Thresholds.Count;
    }
}
