using Verdict.Evaluation;
using Verdict.Gates;

namespace Verdict.Tests.Gates;

public class MetricCatalogTests
{
    [Theory]
    [InlineData("precision", MetricDirection.HigherIsBetter, 0, 1)]
    [InlineData("matthews_corrcoef", MetricDirection.HigherIsBetter, -1, 1)]
    [InlineData("cohen_kappa", MetricDirection.HigherIsBetter, -1, 1)]
    [InlineData("hamming_loss", MetricDirection.LowerIsBetter, 0, 1)]
    [InlineData("log_loss", MetricDirection.LowerIsBetter, 0, double.PositiveInfinity)]
    [InlineData("brier_score", MetricDirection.LowerIsBetter, 0, 1)]
    public void Find_DocumentedName_DirectionAndRange(string name, MetricDirection direction, double min, double max)
    {
        MetricInfo info = MetricCatalog.Find(name)!;

        Assert.Equal(direction, info.Direction);
        Assert.Equal(min, info.Minimum);
        Assert.Equal(max, info.Maximum);
    }

    [Fact]
    public void Names_EveryDocumentedMetric_Listed()
    {
        Assert.Equal(
            ["precision", "recall", "f1", "fbeta", "jaccard", "specificity", "npv", "accuracy", "balanced_accuracy", "matthews_corrcoef",
             "cohen_kappa", "hamming_loss", "roc_auc", "average_precision", "log_loss", "brier_score", "top_k_accuracy"],
            MetricCatalog.Names);
    }

    [Fact]
    public void MaximumFor_MulticlassBrier_IsTwo()
    {
        MetricInfo brier = MetricCatalog.Get("brier_score");

        Assert.Equal(1, brier.MaximumFor(TaskKind.Binary));
        Assert.Equal(2, brier.MaximumFor(TaskKind.Multiclass));
        Assert.Equal("[0, ∞)", MetricCatalog.Get("log_loss").RangeText(TaskKind.Binary));
    }

    [Fact]
    public void Averages_ByTask_AsDocumented()
    {
        MetricInfo f1 = MetricCatalog.Get("f1");
        MetricInfo auc = MetricCatalog.Get("roc_auc");

        Assert.Contains(MetricAverage.Binary, f1.Averages(TaskKind.Binary));
        Assert.DoesNotContain(MetricAverage.Samples, f1.Averages(TaskKind.Multiclass));
        Assert.Contains(MetricAverage.Samples, f1.Averages(TaskKind.Multilabel));
        Assert.DoesNotContain(MetricAverage.Samples, MetricCatalog.Get("specificity").Averages(TaskKind.Multilabel));
        Assert.Empty(auc.Averages(TaskKind.Binary));
        Assert.Contains(MetricAverage.OneVsOneMacro, auc.Averages(TaskKind.Multiclass));
        Assert.False(auc.AcceptsClass(TaskKind.Binary));
        Assert.True(auc.AcceptsClass(TaskKind.Multiclass));
        Assert.False(MetricCatalog.Get("accuracy").AcceptsClass(TaskKind.Binary));
        Assert.True(f1.NeedsAverageOrClass(TaskKind.Multiclass));
        Assert.False(f1.NeedsAverageOrClass(TaskKind.Binary));
        Assert.False(MetricCatalog.Get("top_k_accuracy").AppliesTo(TaskKind.Binary));
        Assert.False(MetricCatalog.Get("matthews_corrcoef").AppliesTo(TaskKind.Multilabel));
        Assert.True(MetricCatalog.Get("hamming_loss").AppliesTo(TaskKind.Multilabel));
    }

    [Fact]
    public void FindAverage_OvrAliases_AreMacroAndWeighted()
    {
        Assert.Equal(MetricAverage.Macro, MetricCatalog.FindAverage("ovr_macro"));
        Assert.Equal(MetricAverage.Weighted, MetricCatalog.FindAverage("ovr_weighted"));
        Assert.Equal(MetricAverage.OneVsOneMacro, MetricCatalog.FindAverage("ovo_macro"));
        Assert.Null(MetricCatalog.FindAverage("macr"));
    }

    [Theory]
    [InlineData("f1@macro", "f1", null, MetricAverage.Macro, null, false)]
    [InlineData("recall[fraud]", "recall", null, MetricAverage.None, "fraud", false)]
    [InlineData("roc_auc", "roc_auc", null, MetricAverage.None, null, false)]
    [InlineData("fbeta:2@weighted", "fbeta", 2.0, MetricAverage.Weighted, null, false)]
    [InlineData("top_k_accuracy:3", "top_k_accuracy", 3.0, MetricAverage.None, null, false)]
    [InlineData("f1[each]", "f1", null, MetricAverage.None, null, true)]
    public void TryParse_Key_RoundTrips(string key, string metric, double? parameter, MetricAverage average, string? cls, bool each)
    {
        Assert.True(MetricReference.TryParse(key, out MetricReference? r, out string? error), error);

        Assert.Equal(new MetricReference(metric, parameter, average, cls, each), r);
        Assert.Equal(key, r!.Key);
    }

    [Theory]
    [InlineData("f1@macr")]
    [InlineData("f1@macro[a]")]
    [InlineData("fbeta:x")]
    [InlineData("recall[]")]
    [InlineData("@macro")]
    public void TryParse_BadKey_SaysWhy(string key)
    {
        Assert.False(MetricReference.TryParse(key, out _, out string? error));
        Assert.Contains(key, error, StringComparison.Ordinal);
    }
}
