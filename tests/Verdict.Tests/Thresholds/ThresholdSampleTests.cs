using System.Globalization;
using System.Text.Json.Nodes;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Scores;
using Verdict.Tests.Curves;
using Verdict.Tests.Reference;
using Verdict.Thresholds;

namespace Verdict.Tests.Thresholds;

public class ThresholdSampleTests
{
    [Fact]
    public void CountsAt_FraudSweep_MatchesScikitLearn()
    {
        SampleData.Fraud data = SampleData.FraudSet;
        JsonObject sweep = SampleData.Expected("fraud")["at_thresholds"]!.AsObject();
        BinaryCurve curve = BinaryCurve.Compute(data.Scores, data.Positives);
        double[] thresholds = sweep.Select(kv => double.Parse(kv.Key, CultureInfo.InvariantCulture)).ToArray();
        BinaryCounts[] counts = ThresholdSweep.CountsAt(curve, thresholds);
        int i = 0;
        foreach ((string key, JsonNode? value) in sweep)
        {
            BinaryCounts c = counts[i++];
            Oracle.AssertClose(Oracle.ToDouble(value!["precision"]), Score.Precision(c), $"precision at {key}");
            Oracle.AssertClose(Oracle.ToDouble(value!["recall"]), Score.Recall(c), $"recall at {key}");
            Oracle.AssertClose(Oracle.ToDouble(value!["f1"]), Score.F1(c), $"f1 at {key}");
        }

        // The counts at 0.5 are the report's confusion matrix (fraud row: 2138 TP, 1059 FN; legit: 257 FP).
        BinaryCounts half = counts[Array.IndexOf(thresholds, 0.5)];
        Assert.Equal(new BinaryCounts(2138, 257, 1059, 196546), half);
    }

    [Fact]
    public void MaxFBeta_FraudSample_MatchesBestF1()
    {
        SampleData.Fraud data = SampleData.FraudSet;
        JsonObject best = SampleData.Expected("fraud")["best_f1"]!.AsObject();
        BinaryCurve curve = BinaryCurve.Compute(data.Scores, data.Positives);
        OperatingPoint p = ThresholdSelection.MaxFBeta(curve, 1.0)!.Value;
        Oracle.AssertClose(Oracle.ToDouble(best["threshold"]), p.Threshold, "threshold");
        Oracle.AssertClose(Oracle.ToDouble(best["f1"]), p.Value, "f1");
        Oracle.AssertClose(Oracle.ToDouble(best["precision"]), Score.Precision(p.Counts), "precision");
        Oracle.AssertClose(Oracle.ToDouble(best["recall"]), Score.Recall(p.Counts), "recall");
    }
}
