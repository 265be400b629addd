using System.Globalization;
using Verdict.Internal;
using Verdict.Scores;

namespace Verdict.Curves;

/// <summary>
/// ROC AUC and average precision over a label-indicator matrix (multilabel data, or multiclass data binarised
/// one-vs-rest), averaged as scikit-learn's <c>_average_binary_score</c>. Inputs are row-major: the indicator
/// (true = the row has the label) and the scores, both rows × <c>labelCount</c>.
/// </summary>
/// <remarks>
/// <para><b>Averages.</b> <see cref="Average.Micro"/>: one curve over every (row, label) cell, weights repeated per
/// label. <see cref="Average.Macro"/>: the plain mean of the per-label values. <see cref="Average.Weighted"/>: the
/// mean weighted by each label's support (weighted by sample weight); 0 when the supports sum to about 0
/// (|sum| &lt;= 1e-8), and labels of support 0 count as 0 so their NaN cannot leak in.
/// <see cref="Average.Samples"/>: the value of each row's curve over its labels (unweighted), then the mean
/// weighted by sample weight (rows of weight 0 count as 0).</para>
/// <para><b>Undefined (ROC AUC).</b> A label (or, for samples, a row) whose curve has only one class has AUC NaN,
/// as in newer scikit-learn; NaN then propagates into macro and samples means exactly as scikit-learn's
/// <c>np.average</c> does (scikit-learn 1.2.1 raised instead). So <c>average=samples</c> is NaN whenever some row
/// has all or none of the labels: call <see cref="RocAucPerSample"/> and <see cref="Averaging.Mean(ReadOnlySpan{double})"/>
/// to average only the defined rows. Average precision of a label or row with no positives is 0.</para>
/// </remarks>
public static class MultilabelAuc
{
    private enum Metric
    {
        RocAuc,
        AveragePrecision,
    }

    /// <summary>ROC AUC of each label (NaN for a label with one class).</summary>
    public static double[] RocAucPerLabel(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, ReadOnlySpan<double> weights = default) =>
        PerLabel(indicator, scores, labelCount, weights, Metric.RocAuc);

    /// <summary>Average precision of each label (0 for a label with no positives).</summary>
    public static double[] AveragePrecisionPerLabel(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, ReadOnlySpan<double> weights = default) =>
        PerLabel(indicator, scores, labelCount, weights, Metric.AveragePrecision);

    /// <summary>ROC AUC of each row's curve over its labels (NaN for a row with all or none of the labels).</summary>
    public static double[] RocAucPerSample(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount) =>
        PerSample(indicator, scores, labelCount, Metric.RocAuc);

    /// <summary>Average precision of each row's curve over its labels (0 for a row with none of the labels).</summary>
    public static double[] AveragePrecisionPerSample(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount) =>
        PerSample(indicator, scores, labelCount, Metric.AveragePrecision);

    /// <summary>
    /// ROC AUC averaged as <paramref name="average"/> says (<see cref="Average.Micro"/>, <see cref="Average.Macro"/>,
    /// <see cref="Average.Weighted"/> or <see cref="Average.Samples"/>); see the class remarks for the NaN rule.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, Average average, ReadOnlySpan<double> weights = default) =>
        Averaged(indicator, scores, labelCount, average, weights, Metric.RocAuc);

    /// <summary>
    /// Average precision averaged as <paramref name="average"/> says (<see cref="Average.Micro"/>,
    /// <see cref="Average.Macro"/>, <see cref="Average.Weighted"/> or <see cref="Average.Samples"/>).
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, Average average, ReadOnlySpan<double> weights = default) =>
        Averaged(indicator, scores, labelCount, average, weights, Metric.AveragePrecision);

    private static int Validate(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, ReadOnlySpan<double> weights)
    {
        int rows = CurveChecks.Rows(scores.Length, labelCount, nameof(scores));
        if (indicator.Length != scores.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The indicator has {indicator.Length} cells but the scores have {scores.Length}; both must be rows × {labelCount}."),
                nameof(indicator));
        }

        if (rows == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(scores));
        }

        CurveChecks.Finite(scores, nameof(scores));
        Guard.Weights(weights, rows);
        return rows;
    }

    private static double Fold(CurveWorkspace ws, Metric metric) => metric == Metric.RocAuc
        ? CurveMath.RocAuc(ws.Tps, ws.Fps, ws.Positives, ws.Negatives, null)
        : CurveMath.AveragePrecision(ws.Tps, ws.Fps, ws.Positives);

    private static double[] PerLabel(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, ReadOnlySpan<double> weights, Metric metric)
    {
        int rows = Validate(indicator, scores, labelCount, weights);
        return PerLabelCore(indicator, scores, labelCount, rows, weights, metric);
    }

    private static double[] PerLabelCore(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, int rows, ReadOnlySpan<double> weights, Metric metric)
    {
        var ws = new CurveWorkspace(rows);
        var result = new double[labelCount];
        bool weighted = !weights.IsEmpty;
        for (int c = 0; c < labelCount; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                int cell = (r * labelCount) + c;
                ws.Keys[r] = scores[cell];
                ws.Positive[r] = indicator[cell];
            }

            if (weighted)
            {
                weights.CopyTo(ws.Weight);
            }

            ws.Build(rows, weighted);
            result[c] = ws.Count == 0 ? double.NaN : Fold(ws, metric);
        }

        return result;
    }

    private static double[] PerSample(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, Metric metric)
    {
        int rows = Validate(indicator, scores, labelCount, default);
        return PerSampleCore(indicator, scores, labelCount, rows, metric);
    }

    private static double[] PerSampleCore(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, int rows, Metric metric)
    {
        var ws = new CurveWorkspace(labelCount);
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            scores.Slice(r * labelCount, labelCount).CopyTo(ws.Keys);
            indicator.Slice(r * labelCount, labelCount).CopyTo(ws.Positive);
            ws.Build(labelCount, weighted: false);
            result[r] = Fold(ws, metric);
        }

        return result;
    }

    private static double Averaged(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int labelCount, Average average, ReadOnlySpan<double> weights, Metric metric)
    {
        int rows = Validate(indicator, scores, labelCount, weights);
        switch (average)
        {
            case Average.Micro:
                {
                    int cells = rows * labelCount;
                    var ws = new CurveWorkspace(cells);
                    scores.CopyTo(ws.Keys);
                    indicator.CopyTo(ws.Positive);
                    bool weighted = !weights.IsEmpty;
                    if (weighted)
                    {
                        for (int cell = 0; cell < cells; cell++)
                        {
                            ws.Weight[cell] = weights[cell / labelCount];
                        }
                    }

                    ws.Build(cells, weighted);
                    return ws.Count == 0 ? double.NaN : Fold(ws, metric);
                }

            case Average.Macro:
                return Mean(PerLabelCore(indicator, scores, labelCount, rows, weights, metric), default);
            case Average.Weighted:
                {
                    var support = new double[labelCount];
                    for (int r = 0; r < rows; r++)
                    {
                        double w = weights.IsEmpty ? 1.0 : weights[r];
                        for (int c = 0; c < labelCount; c++)
                        {
                            if (indicator[(r * labelCount) + c])
                            {
                                support[c] += w;
                            }
                        }
                    }

                    double total = 0;
                    foreach (double s in support)
                    {
                        total += s;
                    }

                    if (CurveMath.IsCloseToZero(total))
                    {
                        return 0.0;
                    }

                    return Mean(PerLabelCore(indicator, scores, labelCount, rows, weights, metric), support);
                }

            case Average.Samples:
                return Mean(PerSampleCore(indicator, scores, labelCount, rows, metric), weights);
            default:
                throw new ArgumentException(
                    $"Average '{average}' does not apply here; use Micro, Macro, Weighted or Samples, or the per-label methods.",
                    nameof(average));
        }
    }

    /// <summary>
    /// np.average(values, weights): the plain mean without weights; with weights, values of weight 0 are forced to
    /// 0 first (scikit-learn's guard). NaN propagates.
    /// </summary>
    internal static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        if (weights.IsEmpty)
        {
            foreach (double v in values)
            {
                sum += v;
            }

            return sum / values.Length;
        }

        double weightSum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double w = weights[i];
            if (w != 0)
            {
                sum += values[i] * w;
            }

            weightSum += w;
        }

        return sum / weightSum;
    }
}
