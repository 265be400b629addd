using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Verdict.Curves;

namespace Verdict.Reports;

/// <summary>
/// Views of a binary curve's ROC, PR and DET folds in scikit-learn's order and lengths: JSON
/// (<c>{"roc": {"fpr", "tpr", "thresholds"}, "pr": {"precision", "recall", "thresholds"}, "det": {"fpr", "fnr", "thresholds"}}</c>,
/// +∞ written as the string "Infinity") and a long CSV table.
/// </summary>
public static class CurveRender
{
    /// <summary>The three curves as JSON, with the positive label and the AUC and AP they fold to.</summary>
    public static JsonObject Json(BinaryCurve curve, string positive, bool dropIntermediate = true)
    {
        ArgumentNullException.ThrowIfNull(curve);
        RocCurve roc = curve.Roc(dropIntermediate);
        PrecisionRecallCurve pr = curve.PrecisionRecall();
        var o = new JsonObject
        {
            ["positive"] = positive,
            ["roc_auc"] = Reports.Json.Number(curve.RocAuc()),
            ["average_precision"] = Reports.Json.Number(curve.AveragePrecision()),
            ["roc"] = new JsonObject { ["fpr"] = Numbers(roc.FalsePositiveRate), ["tpr"] = Numbers(roc.TruePositiveRate), ["thresholds"] = Numbers(roc.Thresholds) },
            ["pr"] = new JsonObject { ["precision"] = Numbers(pr.Precision), ["recall"] = Numbers(pr.Recall), ["thresholds"] = Numbers(pr.Thresholds) },
        };
        if (curve.Positives > 0 && curve.Negatives > 0)
        {
            DetCurve det = curve.Det();
            o["det"] = new JsonObject { ["fpr"] = Numbers(det.FalsePositiveRate), ["fnr"] = Numbers(det.FalseNegativeRate), ["thresholds"] = Numbers(det.Thresholds) };
        }
        else
        {
            o["det"] = null;
        }

        return o;
    }

    /// <summary>
    /// One CSV row per curve point: <c>curve,point,threshold,fpr,tpr,precision,recall,fnr</c> (cells that do not apply
    /// to a curve are empty; +∞ is "Infinity").
    /// </summary>
    public static string Csv(BinaryCurve curve, bool dropIntermediate = true)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var sb = new StringBuilder("curve,point,threshold,fpr,tpr,precision,recall,fnr\n");
        RocCurve roc = curve.Roc(dropIntermediate);
        for (int i = 0; i < roc.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"roc,{i},{N(roc.Thresholds[i])},{N(roc.FalsePositiveRate[i])},{N(roc.TruePositiveRate[i])},,,\n");
        }

        PrecisionRecallCurve pr = curve.PrecisionRecall();
        for (int i = 0; i < pr.Precision.Count; i++)
        {
            string t = i < pr.Thresholds.Count ? N(pr.Thresholds[i]) : string.Empty;
            sb.Append(CultureInfo.InvariantCulture, $"pr,{i},{t},,,{N(pr.Precision[i])},{N(pr.Recall[i])},\n");
        }

        if (curve.Positives > 0 && curve.Negatives > 0)
        {
            DetCurve det = curve.Det();
            for (int i = 0; i < det.Thresholds.Count; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"det,{i},{N(det.Thresholds[i])},{N(det.FalsePositiveRate[i])},,,,{N(det.FalseNegativeRate[i])}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>Numbers as JSON; +∞/−∞ as the strings "Infinity"/"-Infinity", NaN as null.</summary>
    public static JsonArray Numbers(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var a = new JsonArray();
        foreach (double v in values)
        {
            a.Add(double.IsInfinity(v) ? JsonValue.Create(v > 0 ? "Infinity" : "-Infinity") : Reports.Json.Number(v));
        }

        return a;
    }

    private static string N(double v) => double.IsPositiveInfinity(v) ? "Infinity" : double.IsNegativeInfinity(v) ? "-Infinity" : v.ToString("R", CultureInfo.InvariantCulture);
}
