using Verdict.Charts;
using Verdict.Curves;
using Verdict.Thresholds;

namespace Verdict.Reports.Html;

/// <summary>
/// The score-based charts an <see cref="HtmlReport"/> shows besides the confusion heatmaps (which come from the
/// report itself). Each is optional: set the series to show, or build them all from scores with
/// <see cref="ForBinary"/>, <see cref="ForMulticlass"/> or <see cref="ForMultilabel"/>.
/// </summary>
public sealed class HtmlReportCharts
{
    /// <summary>ROC curves (AUC in the legend), or null.</summary>
    public IReadOnlyList<CurveSeries>? Roc { get; init; }

    /// <summary>Precision-recall curves (AP in the legend), or null.</summary>
    public IReadOnlyList<CurveSeries>? PrecisionRecall { get; init; }

    /// <summary>DET curves, or null.</summary>
    public IReadOnlyList<CurveSeries>? Det { get; init; }

    /// <summary>Scores against the threshold (precision, recall, F1), or null.</summary>
    public IReadOnlyList<CurveSeries>? Thresholds { get; init; }

    /// <summary>The threshold marked on the threshold chart, or null.</summary>
    public ThresholdMarker? ChosenThreshold { get; init; }

    /// <summary>Reliability diagram series, or null.</summary>
    public IReadOnlyList<CalibrationSeries>? Calibration { get; init; }

    /// <summary>
    /// Every chart for binary scores of the positive class: ROC, PR, DET (when both classes are present),
    /// precision/recall/F1 by threshold with the threshold of maximum F1 marked
    /// (<see cref="ThresholdSelection.MaxFBeta"/>), and a 10-bin reliability diagram when the scores are
    /// probabilities in [0, 1] and there are no weights (calibration curves are unweighted).
    /// </summary>
    public static HtmlReportCharts ForBinary(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives, string positiveName,
                                             ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(positiveName);
        BinaryCurve curve = BinaryCurve.Compute(scores, positives, weights);
        bool bothClasses = curve.Positives > 0 && curve.Negatives > 0;
        OperatingPoint? best = ThresholdSelection.MaxFBeta(curve);
        return new HtmlReportCharts
        {
            Roc = [ChartSeries.Roc(positiveName, curve)],
            PrecisionRecall = [ChartSeries.PrecisionRecall(positiveName, curve)],
            Det = bothClasses ? [ChartSeries.Det(positiveName, curve)] : null,
            Thresholds = ChartSeries.Thresholds(curve),
            ChosenThreshold = best is { } b && double.IsFinite(b.Threshold) ? ThresholdMarker.From(b, "max F1") : null,
            Calibration = weights.IsEmpty && AreProbabilities(scores) ? [CalibrationSeries.Binary(positiveName, scores, positives)] : null,
        };
    }

    /// <summary>
    /// Charts for single-label multiclass probabilities (row-major, rows × classes; <paramref name="labels"/> are
    /// class indices into <paramref name="classNames"/>): one-vs-rest ROC and PR curves per class with their
    /// averages, and a top-label reliability diagram when the scores are probabilities and there are no weights.
    /// </summary>
    public static HtmlReportCharts ForMulticlass(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities,
                                                 IReadOnlyList<string> classNames, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return new HtmlReportCharts
        {
            Roc = ChartSeries.RocOneVsRest(labels, probabilities, classNames, weights),
            PrecisionRecall = ChartSeries.PrecisionRecallOneVsRest(labels, probabilities, classNames, weights),
            Calibration = weights.IsEmpty && AreProbabilities(probabilities)
                ? [CalibrationSeries.TopLabel("top label", labels, probabilities, classNames.Count)]
                : null,
        };
    }

    /// <summary>Charts for multilabel scores (row-major indicator and scores, one column per label): ROC and PR curves per label with their averages.</summary>
    public static HtmlReportCharts ForMultilabel(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores,
                                                 IReadOnlyList<string> labelNames, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        return new HtmlReportCharts
        {
            Roc = ChartSeries.RocPerLabel(indicator, scores, labelNames, weights),
            PrecisionRecall = ChartSeries.PrecisionRecallPerLabel(indicator, scores, labelNames, weights),
        };
    }

    private static bool AreProbabilities(ReadOnlySpan<double> scores)
    {
        foreach (double s in scores)
        {
            if (!(s >= 0 && s <= 1))
            {
                return false;
            }
        }

        return true;
    }
}
