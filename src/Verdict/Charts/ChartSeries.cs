using System.Globalization;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Scores;
using Verdict.Thresholds;

namespace Verdict.Charts;

/// <summary>
/// Chart series from the library's curves: ROC, precision-recall and DET curves of one binary curve, one-vs-rest
/// curves per class with micro and macro averages, and precision, recall and F1 against the threshold. The
/// scores in the legends are the library's own (<see cref="BinaryCurve.RocAuc"/>,
/// <see cref="BinaryCurve.AveragePrecision"/>...), computed on the full curves.
/// </summary>
public static class ChartSeries
{
    /// <summary>
    /// The ROC curve of <paramref name="curve"/> (x = FPR, y = TPR, <see cref="BinaryCurve.Roc"/>) with its AUC
    /// as <see cref="CurveSeries.Score"/>.
    /// </summary>
    public static CurveSeries Roc(string name, BinaryCurve curve, bool dropIntermediate = true)
    {
        ArgumentNullException.ThrowIfNull(curve);
        RocCurve roc = curve.Roc(dropIntermediate);
        return new CurveSeries(name, roc.FalsePositiveRate, roc.TruePositiveRate)
        {
            Thresholds = roc.Thresholds,
            Score = curve.RocAuc(),
        };
    }

    /// <summary>
    /// The precision-recall curve of <paramref name="curve"/> (x = recall, y = precision, in scikit-learn's order,
    /// recall decreasing; the last point (0, 1) has threshold NaN), with its average precision as
    /// <see cref="CurveSeries.Score"/> and the prevalence P / (P + N) as <see cref="CurveSeries.Baseline"/>.
    /// <paramref name="dropIntermediate"/> (default here, unlike scikit-learn's function) keeps only the first and
    /// last point of each run of equal recall: the step line drawn is the same, and the AP is computed on the full
    /// curve either way.
    /// </summary>
    public static CurveSeries PrecisionRecall(string name, BinaryCurve curve, bool dropIntermediate = true)
    {
        ArgumentNullException.ThrowIfNull(curve);
        PrecisionRecallCurve pr = curve.PrecisionRecall(dropIntermediate);
        var thresholds = new double[pr.Recall.Count];
        for (int i = 0; i < thresholds.Length; i++)
        {
            thresholds[i] = i < pr.Thresholds.Count ? pr.Thresholds[i] : double.NaN;
        }

        double total = curve.Positives + curve.Negatives;
        return new CurveSeries(name, pr.Recall, pr.Precision)
        {
            Thresholds = thresholds,
            Score = curve.AveragePrecision(),
            Baseline = total > 0 ? curve.Positives / total : null,
        };
    }

    /// <summary>
    /// The DET curve of <paramref name="curve"/> (x = FPR, y = FNR, <see cref="BinaryCurve.Det"/>) with the
    /// interpolated equal error rate (<see cref="OperatingPoints.InterpolatedEqualErrorRate"/>) as
    /// <see cref="CurveSeries.Score"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The curve has only one class (the DET curve is undefined).</exception>
    public static CurveSeries Det(string name, BinaryCurve curve, bool dropIntermediate = false)
    {
        ArgumentNullException.ThrowIfNull(curve);
        DetCurve det = curve.Det(dropIntermediate);
        return new CurveSeries(name, det.FalsePositiveRate, det.FalseNegativeRate)
        {
            Thresholds = det.Thresholds,
            Score = OperatingPoints.InterpolatedEqualErrorRate(curve),
        };
    }

    /// <summary>
    /// Precision, recall and F-beta (named "precision", "recall", "F1" or "F{beta}") at every threshold of
    /// <paramref name="curve"/>, x = threshold in increasing order. Precision is TP / (TP + FP) (NaN, so not drawn,
    /// when a threshold predicts no weight), recall TP / P (NaN without positives), F-beta as
    /// <see cref="Score.FBeta"/>.
    /// </summary>
    public static IReadOnlyList<CurveSeries> Thresholds(BinaryCurve curve, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (double.IsNaN(beta) || beta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be >= 0.");
        }

        int n = curve.Count;
        var t = new double[n];
        var precision = new double[n];
        var recall = new double[n];
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            int k = n - 1 - i;
            BinaryCounts c = curve.CountsAt(k);
            t[i] = curve.Thresholds[k];
            precision[i] = Score.Precision(c, ZeroDivision.NaN);
            recall[i] = Score.Recall(c, ZeroDivision.NaN);
            f[i] = Score.FBeta(c, beta, ZeroDivision.NaN);
        }

        string fName = beta == 1 ? "F1" : "F" + beta.ToString("0.###", CultureInfo.InvariantCulture);
        return
        [
            new CurveSeries("precision", t, precision) { Thresholds = t },
            new CurveSeries("recall", t, recall) { Thresholds = t },
            new CurveSeries(fName, t, f) { Thresholds = t },
        ];
    }

    /// <summary>
    /// One-vs-rest ROC curves of single-label multiclass data (<paramref name="labels"/> are class indices, scores
    /// row-major rows × classes), see <see cref="RocPerLabel"/>.
    /// </summary>
    public static IReadOnlyList<CurveSeries> RocOneVsRest(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores,
                                                          IReadOnlyList<string> classNames, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return RocPerLabel(ScoreMatrix.Indicator(labels, classNames.Count), scores, classNames, weights);
    }

    /// <summary>
    /// ROC curves of each label (column) of an indicator matrix, then the micro average (every cell pooled into one
    /// curve) and the macro average: the mean of the per-class TPRs at every FPR where some class's curve bends
    /// (piecewise-linear, exact), over the classes whose curve is defined. Its legend score is the mean of the
    /// per-class AUCs (NaN when a class has no positive or no negative rows), which is scikit-learn's
    /// <c>roc_auc_score(average="macro")</c>; the micro score equals <c>average="micro"</c>.
    /// </summary>
    public static IReadOnlyList<CurveSeries> RocPerLabel(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores,
                                                         IReadOnlyList<string> names, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        BinaryCurve[] curves = PerLabelCurves(indicator, scores, names.Count, weights, out BinaryCurve micro);
        var series = new List<CurveSeries>(names.Count + 2);
        var rocs = new RocCurve[curves.Length];
        double aucSum = 0;
        for (int k = 0; k < curves.Length; k++)
        {
            rocs[k] = curves[k].Roc();
            double auc = curves[k].RocAuc();
            aucSum += auc;
            series.Add(new CurveSeries(names[k], rocs[k].FalsePositiveRate, rocs[k].TruePositiveRate) { Thresholds = rocs[k].Thresholds, Score = auc });
        }

        if (curves.Length > 1)
        {
            series.Add(Roc("micro-average", micro) with { Role = SeriesRole.Average });
            (double[] fpr, double[] tpr) = MacroRoc(rocs);
            series.Add(new CurveSeries("macro-average", fpr, tpr) { Score = aucSum / curves.Length, Role = SeriesRole.Average });
        }

        return series;
    }

    /// <summary>One-vs-rest precision-recall curves of single-label multiclass data, see <see cref="PrecisionRecallPerLabel"/>.</summary>
    public static IReadOnlyList<CurveSeries> PrecisionRecallOneVsRest(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores,
                                                                      IReadOnlyList<string> classNames, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return PrecisionRecallPerLabel(ScoreMatrix.Indicator(labels, classNames.Count), scores, classNames, weights);
    }

    /// <summary>
    /// Precision-recall curves of each label of an indicator matrix (AP and prevalence each), then the micro average
    /// (every cell pooled; its AP is scikit-learn's <c>average_precision_score(average="micro")</c>). There is no
    /// macro-average PR curve; the macro AP is the mean of the per-class scores shown.
    /// </summary>
    public static IReadOnlyList<CurveSeries> PrecisionRecallPerLabel(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores,
                                                                     IReadOnlyList<string> names, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        BinaryCurve[] curves = PerLabelCurves(indicator, scores, names.Count, weights, out BinaryCurve micro);
        var series = new List<CurveSeries>(names.Count + 1);
        for (int k = 0; k < curves.Length; k++)
        {
            series.Add(PrecisionRecall(names[k], curves[k]));
        }

        if (curves.Length > 1)
        {
            series.Add(PrecisionRecall("micro-average", micro) with { Role = SeriesRole.Average });
        }

        return series;
    }

    private static BinaryCurve[] PerLabelCurves(ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores, int columns,
                                                ReadOnlySpan<double> weights, out BinaryCurve micro)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Internal.Guard.SameLength(indicator.Length, scores.Length, nameof(scores));
        if (scores.Length % columns != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"scores has {scores.Length} values, not a whole number of rows of {columns} columns."),
                nameof(scores));
        }

        int rows = scores.Length / columns;
        Internal.Guard.Weights(weights, rows);
        var curves = new BinaryCurve[columns];
        var column = new double[rows];
        var positive = new bool[rows];
        for (int k = 0; k < columns; k++)
        {
            for (int r = 0; r < rows; r++)
            {
                column[r] = scores[(r * columns) + k];
                positive[r] = indicator[(r * columns) + k];
            }

            curves[k] = BinaryCurve.Compute(column, positive, weights);
        }

        double[]? cellWeights = null;
        if (!weights.IsEmpty)
        {
            cellWeights = new double[scores.Length];
            for (int i = 0; i < cellWeights.Length; i++)
            {
                cellWeights[i] = weights[i / columns];
            }
        }

        micro = BinaryCurve.Compute(scores, indicator, cellWeights);
        return curves;
    }

    /// <summary>
    /// The mean ROC curve: at every distinct FPR of the defined curves, each curve's TPR entering and leaving that
    /// FPR (its lowest and highest TPR there, linear interpolation between its points otherwise), averaged.
    /// </summary>
    private static (double[] Fpr, double[] Tpr) MacroRoc(RocCurve[] rocs)
    {
        var defined = rocs.Where(r => r.Count > 0 && !double.IsNaN(r.FalsePositiveRate[0]) && !double.IsNaN(r.TruePositiveRate[0])).ToArray();
        if (defined.Length == 0)
        {
            return ([], []);
        }

        var grid = new SortedSet<double>();
        foreach (RocCurve r in defined)
        {
            grid.UnionWith(r.FalsePositiveRate);
        }

        var fpr = new List<double>(grid.Count * 2);
        var tpr = new List<double>(grid.Count * 2);
        var cursor = new int[defined.Length];
        foreach (double x in grid)
        {
            double low = 0, high = 0;
            for (int c = 0; c < defined.Length; c++)
            {
                (double lo, double hi) = TprAt(defined[c], x, ref cursor[c]);
                low += lo;
                high += hi;
            }

            fpr.Add(x);
            tpr.Add(low / defined.Length);
            if (high != low)
            {
                fpr.Add(x);
                tpr.Add(high / defined.Length);
            }
        }

        return ([.. fpr], [.. tpr]);
    }

    /// <summary>The lowest and highest TPR of <paramref name="roc"/> at FPR <paramref name="x"/>; the cursor only moves forward.</summary>
    private static (double Low, double High) TprAt(RocCurve roc, double x, ref int cursor)
    {
        IReadOnlyList<double> f = roc.FalsePositiveRate, t = roc.TruePositiveRate;
        int n = f.Count;
        while (cursor < n && f[cursor] < x)
        {
            cursor++;
        }

        if (cursor < n && f[cursor] == x)
        {
            int end = cursor;
            while (end + 1 < n && f[end + 1] == x)
            {
                end++;
            }

            return (t[cursor], t[end]);
        }

        if (cursor == 0)
        {
            return (t[0], t[0]);
        }

        if (cursor == n)
        {
            return (t[n - 1], t[n - 1]);
        }

        double x0 = f[cursor - 1], x1 = f[cursor], y0 = t[cursor - 1], y1 = t[cursor];
        double y = y0 + ((y1 - y0) * (x - x0) / (x1 - x0));
        return (y, y);
    }
}
