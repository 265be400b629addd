using System.Text.Json.Nodes;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Tests.Reference;

/// <summary>Every scikit-learn reference case of the counts half (labels in, count metrics out).</summary>
public sealed class CountsOracleTests
{
    public static TheoryData<string> CaseIds => Oracle.Ids(
        "confusion_matrix", "multilabel_confusion_matrix", "precision_recall_fscore_support", "precision_score",
        "recall_score", "f1_score", "fbeta_score", "jaccard_score", "accuracy_score", "balanced_accuracy_score",
        "matthews_corrcoef", "cohen_kappa_score", "hamming_loss", "zero_one_loss", "class_likelihood_ratios",
        "classification_report");

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void CountMetric_OracleCase_MatchesScikitLearn(string id)
    {
        OracleCase c = Oracle.Get(id);
        Assert.False(c.ExpectsError, "no counts case expects an error");
        if (c.Is2D("y_true"))
        {
            CheckMultilabel(c);
        }
        else
        {
            CheckSingleLabel(c);
        }
    }

    [Fact]
    public void CaseIds_CountsHalf_CoverEveryOracleCase()
    {
        Assert.Equal(1371, CaseIds.Count);
    }

    private static void CheckSingleLabel(OracleCase c)
    {
        LabelEvaluation ev = LabelEvaluation.FromLabels(c.Labels("y_true"), c.Labels("y_pred"), c.LabelsParam, c.Weights);
        ZeroDivision zd = ZeroDivisionArg(c);
        switch (c.Fn)
        {
            case "confusion_matrix":
                AssertMatrix(c.Expected, ev.SelectedMatrix().ToArray(NormalizeArg(c)), c.Id);
                break;
            case "multilabel_confusion_matrix":
                AssertMultilabelMatrix(c.Expected, ev.SelectedCounts(), c.Id);
                break;
            case "accuracy_score":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.Accuracy(ev.Matrix, NormalizeFlag(c)), c.Id);
                break;
            case "zero_one_loss":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.ZeroOneLoss(ev.Matrix, NormalizeFlag(c)), c.Id);
                break;
            case "hamming_loss":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.HammingLoss(ev.Matrix), c.Id);
                break;
            case "balanced_accuracy_score":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.BalancedAccuracy(ev.Matrix, c.Arg("adjusted") is JsonValue v && v.GetValue<bool>()), c.Id);
                break;
            case "matthews_corrcoef":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.MatthewsCorrelation(ev.Matrix), c.Id);
                break;
            case "cohen_kappa_score":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.CohenKappa(ev.SelectedMatrix(), KappaArg(c)), c.Id);
                break;
            case "class_likelihood_ratios":
                {
                    (double pos, double neg) = ev.Matrix.ClassCount == 1
                        ? (double.NaN, double.NaN)
                        : Score.LikelihoodRatios(ev.Matrix.OneVsRest(1));
                    Oracle.AssertClose(Oracle.ToDouble(c.Expected!.AsArray()[0]), pos, c.Id + " LR+");
                    Oracle.AssertClose(Oracle.ToDouble(c.Expected!.AsArray()[1]), neg, c.Id + " LR-");
                    break;
                }

            case "classification_report":
                CheckReport(c, ClassificationReport.For(ev, zd));
                break;
            default:
                CheckScores(c, ev.CountsFor(AverageArg(c), "1"), null, ev.SelectedNames);
                break;
        }
    }

    private static void CheckMultilabel(OracleCase c)
    {
        IndicatorMatrix actual = IndicatorMatrix.FromRows(c.Matrix("y_true"));
        IndicatorMatrix predicted = IndicatorMatrix.FromRows(c.Matrix("y_pred"));
        MultilabelCounts counts = MultilabelCounts.Compute(actual.Cells, predicted.Cells, actual.LabelCount, c.Weights);
        string[] names = Enumerable.Range(0, actual.LabelCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        switch (c.Fn)
        {
            case "multilabel_confusion_matrix":
                AssertMultilabelMatrix(c.Expected, counts.Labels.ToArray(), c.Id);
                break;
            case "accuracy_score":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.SubsetAccuracy(counts, NormalizeFlag(c)), c.Id);
                break;
            case "hamming_loss":
                Oracle.AssertClose(Oracle.ToDouble(c.Expected), ConfusionScores.HammingLoss(counts, actual.LabelCount), c.Id);
                break;
            case "classification_report":
                CheckReport(c, ClassificationReport.For(counts, names, c.Weights is not null, ZeroDivisionArg(c)));
                break;
            default:
                CheckScores(c, counts.Labels.ToArray(), counts.Samples, names);
                break;
        }
    }

    private static void CheckScores(OracleCase c, BinaryCounts[] counts, SampleCounts? samples, IReadOnlyList<string> names)
    {
        Average average = AverageArg(c);
        ZeroDivision zd = ZeroDivisionArg(c);
        double beta = c.Arg("beta") is JsonNode b ? Oracle.ToDouble(b) : 1.0;
        ClassScores scores = ClassScores.Compute(counts, beta, zd, samples);
        bool perClass = average == Average.None;
        AveragedScores avg = perClass ? default : scores.Averaged(average);
        switch (c.Fn)
        {
            case "precision_recall_fscore_support":
                {
                    JsonArray e = c.Expected!.AsArray();
                    if (perClass)
                    {
                        Oracle.AssertClose(e[0], scores.Precision, c.Id + " precision");
                        Oracle.AssertClose(e[1], scores.Recall, c.Id + " recall");
                        Oracle.AssertClose(e[2], scores.FScore, c.Id + " fscore");
                        Oracle.AssertClose(e[3], scores.Support, c.Id + " support");
                    }
                    else
                    {
                        Oracle.AssertClose(Oracle.ToDouble(e[0]), avg.Precision, c.Id + " precision");
                        Oracle.AssertClose(Oracle.ToDouble(e[1]), avg.Recall, c.Id + " recall");
                        Oracle.AssertClose(Oracle.ToDouble(e[2]), avg.FScore, c.Id + " fscore");
                        Assert.Null(e[3]);
                    }

                    break;
                }

            case "precision_score":
                AssertScore(c, perClass, scores.Precision, avg.Precision);
                break;
            case "recall_score":
                AssertScore(c, perClass, scores.Recall, avg.Recall);
                break;
            case "f1_score":
            case "fbeta_score":
                AssertScore(c, perClass, scores.FScore, avg.FScore);
                break;
            case "jaccard_score":
                {
                    double[] perClassJaccard = counts.Select(x => Score.Jaccard(x, zd)).ToArray();
                    double value = perClass ? double.NaN : Averaging.Apply(counts, samples, average, x => Score.Jaccard(x, zd));
                    AssertScore(c, perClass, perClassJaccard, value);
                    break;
                }

            default:
                throw new InvalidOperationException($"Unhandled function {c.Fn}");
        }

        _ = names;
    }

    private static void AssertScore(OracleCase c, bool perClass, IReadOnlyList<double> values, double averaged)
    {
        if (perClass)
        {
            Oracle.AssertClose(c.Expected, values, c.Id);
        }
        else
        {
            Oracle.AssertClose(Oracle.ToDouble(c.Expected), averaged, c.Id);
        }
    }

    private static void CheckReport(OracleCase c, ClassificationReport report)
    {
        if (c.Arg("output_dict") is JsonValue od && od.GetValue<bool>())
        {
            JsonObject actual = ReportDict.Render(report);
            JsonObject expected = c.Expected!.AsObject();
            Assert.Equal(expected.Select(kv => kv.Key), actual.Select(kv => kv.Key));
            foreach ((string key, JsonNode? value) in expected)
            {
                if (value is JsonObject row)
                {
                    foreach ((string metric, JsonNode? v) in row)
                    {
                        Oracle.AssertClose(Oracle.ToDouble(v), Oracle.ToDouble(actual[key]![metric]), $"{c.Id} {key}.{metric}");
                    }
                }
                else
                {
                    Oracle.AssertClose(Oracle.ToDouble(value), Oracle.ToDouble(actual[key]), $"{c.Id} {key}");
                }
            }
        }
        else
        {
            int digits = c.Arg("digits") is JsonNode d ? (int)Oracle.ToDouble(d) : 2;
            Assert.Equal((string)c.Expected!, ReportText.Render(report, digits));
        }
    }

    private static void AssertMatrix(JsonNode? expected, double[][] actual, string id)
    {
        JsonArray rows = expected!.AsArray();
        Assert.Equal(rows.Count, actual.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            Oracle.AssertClose(rows[i], actual[i], $"{id} row {i}");
        }
    }

    private static void AssertMultilabelMatrix(JsonNode? expected, BinaryCounts[] counts, string id)
    {
        JsonArray e = expected!.AsArray();
        Assert.Equal(e.Count, counts.Length);
        for (int k = 0; k < counts.Length; k++)
        {
            BinaryCounts x = counts[k];
            AssertMatrix(e[k], [[x.TrueNegatives, x.FalsePositives], [x.FalseNegatives, x.TruePositives]], $"{id} label {k}");
        }
    }

    private static Average AverageArg(OracleCase c)
    {
        if (!c.Args.ContainsKey("average"))
        {
            return Average.Binary;
        }

        return (string?)c.Arg("average") switch
        {
            null => Average.None,
            "binary" => Average.Binary,
            "micro" => Average.Micro,
            "macro" => Average.Macro,
            "weighted" => Average.Weighted,
            "samples" => Average.Samples,
            var other => throw new InvalidOperationException(other),
        };
    }

    private static ZeroDivision ZeroDivisionArg(OracleCase c) =>
        c.Arg("zero_division") is JsonNode z && Oracle.ToDouble(z) == 1 ? ZeroDivision.One : ZeroDivision.Zero;

    private static bool NormalizeFlag(OracleCase c) => c.Arg("normalize") is not JsonValue v || v.GetValue<bool>();

    private static ConfusionNormalization NormalizeArg(OracleCase c) => (string?)c.Arg("normalize") switch
    {
        "true" => ConfusionNormalization.True,
        "pred" => ConfusionNormalization.Pred,
        "all" => ConfusionNormalization.All,
        _ => ConfusionNormalization.None,
    };

    private static KappaWeighting KappaArg(OracleCase c) => (string?)c.Arg("weights") switch
    {
        "linear" => KappaWeighting.Linear,
        "quadratic" => KappaWeighting.Quadratic,
        _ => KappaWeighting.None,
    };
}
