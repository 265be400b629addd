using System.Text.Json.Nodes;
using Verdict.Curves;
using Verdict.Probabilistic;
using Verdict.Scores;
using Verdict.Tests.Reference;

namespace Verdict.Tests.Curves;

/// <summary>Curve and ranking scores on the sample data sets against scikit-learn's values.</summary>
public class SampleDataTests
{
    [Fact]
    public void BinaryCurve_FraudSample_MatchesScikitLearn()
    {
        SampleData.Fraud data = SampleData.FraudSet;
        JsonObject e = SampleData.Expected("fraud");
        BinaryCurve curve = BinaryCurve.Compute(data.Scores, data.Positives);
        Assert.Equal(200_000, curve.Positives + curve.Negatives);
        Assert.Equal(3197, curve.Positives);
        Oracle.AssertClose(Oracle.ToDouble(e["roc_auc"]), curve.RocAuc(), "roc_auc");
        Oracle.AssertClose(Oracle.ToDouble(e["average_precision"]), curve.AveragePrecision(), "average_precision");
        Oracle.AssertClose(Oracle.ToDouble(e["roc_auc_max_fpr_0.1"]), curve.RocAuc(0.1), "roc_auc max_fpr 0.1");
    }

    [Fact]
    public void MulticlassAuc_DigitsSample_MatchesScikitLearn()
    {
        SampleData.Digits d = SampleData.DigitsSet;
        JsonObject e = SampleData.Expected("digits");
        Oracle.AssertClose(Oracle.ToDouble(e["roc_auc_ovr_macro"]), MulticlassAuc.OneVsRest(d.Labels, d.Probabilities, d.ClassCount, Average.Macro), "ovr macro");
        Oracle.AssertClose(Oracle.ToDouble(e["roc_auc_ovr_weighted"]), MulticlassAuc.OneVsRest(d.Labels, d.Probabilities, d.ClassCount, Average.Weighted), "ovr weighted");
        Oracle.AssertClose(Oracle.ToDouble(e["roc_auc_ovo_macro"]), MulticlassAuc.OneVsOne(d.Labels, d.Probabilities, d.ClassCount, Average.Macro), "ovo macro");
        Oracle.AssertClose(Oracle.ToDouble(e["top_2_accuracy"]), TopKAccuracy.Compute(d.Labels, d.Probabilities, d.ClassCount, k: 2), "top 2");
        Oracle.AssertClose(Oracle.ToDouble(e["log_loss"]), LogLoss.Multiclass(d.Labels, d.Probabilities, d.ClassCount), "log loss");
    }

    [Fact]
    public void MultilabelAuc_MultilabelSample_MatchesScikitLearn()
    {
        SampleData.Multilabel m = SampleData.MultilabelSet;
        JsonObject e = SampleData.Expected("multilabel");
        JsonObject roc = e["roc_auc"]!.AsObject(), ap = e["average_precision"]!.AsObject();
        foreach ((string name, Average average) in new[] { ("micro", Average.Micro), ("macro", Average.Macro), ("weighted", Average.Weighted) })
        {
            Oracle.AssertClose(Oracle.ToDouble(roc[name]), MultilabelAuc.RocAuc(m.Indicator, m.Scores, m.LabelCount, average), "roc_auc " + name);
        }

        foreach ((string name, Average average) in new[] { ("micro", Average.Micro), ("macro", Average.Macro), ("weighted", Average.Weighted), ("samples", Average.Samples) })
        {
            Oracle.AssertClose(Oracle.ToDouble(ap[name]), MultilabelAuc.AveragePrecision(m.Indicator, m.Scores, m.LabelCount, average), "average_precision " + name);
        }
    }
}
