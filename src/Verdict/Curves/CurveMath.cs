namespace Verdict.Curves;

/// <summary>
/// Folds over cumulative counts (thresholds highest first), shared by <see cref="BinaryCurve"/>, the multiclass
/// and multilabel averages and the binned curve. None allocates.
/// </summary>
internal static class CurveMath
{
    /// <summary>
    /// Area under the ROC curve by the trapezoidal rule over (0, 0) and every point (FP/N, TP/P); with
    /// <paramref name="maxFpr"/>, the McClish-standardised partial area over [0, maxFpr] (scikit-learn's
    /// <c>_binary_roc_auc_score</c>). NaN when either class has no weight.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> tps, ReadOnlySpan<double> fps, double positives, double negatives, double? maxFpr)
    {
        if (!(positives > 0) || !(negatives > 0))
        {
            return double.NaN;
        }

        bool partial = maxFpr is { } m && m != 1.0;
        double limit = maxFpr ?? 1.0;
        double area = 0, x0 = 0, y0 = 0;
        for (int i = 0; i < tps.Length; i++)
        {
            double x1 = fps[i] / negatives, y1 = tps[i] / positives;
            if (partial && x1 > limit)
            {
                // np.interp(max_fpr, [x0, x1], [y0, y1]) then one more trapezoid up to max_fpr.
                double yi = limit == x0 ? y0 : (((y1 - y0) / (x1 - x0)) * (limit - x0)) + y0;
                area += (limit - x0) * (yi + y0) / 2.0;
                x0 = limit;
                break;
            }

            area += (x1 - x0) * (y1 + y0) / 2.0;
            x0 = x1;
            y0 = y1;
        }

        if (!partial)
        {
            return area;
        }

        double minArea = 0.5 * limit * limit;
        double maxArea = limit;
        return 0.5 * (1 + ((area - minArea) / (maxArea - minArea)));
    }

    /// <summary>
    /// Average precision, Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds from the highest (R₋₁ = 0), with P = TP/(TP+FP)
    /// (0 when nothing is predicted) and R = TP/positives. 0 when there are no positives (scikit-learn sets recall
    /// to 1 everywhere then, so every step is 0). Clipped below at 0 as newer scikit-learn does (1.2.1 could return −0.0).
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<double> tps, ReadOnlySpan<double> fps, double positives)
    {
        if (!(positives > 0))
        {
            return 0.0;
        }

        double sum = 0, previousRecall = 0;
        for (int i = 0; i < tps.Length; i++)
        {
            double predicted = tps[i] + fps[i];
            double precision = predicted != 0 ? tps[i] / predicted : 0.0;
            double recall = tps[i] / positives;
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }

        return Math.Max(0.0, sum);
    }

    /// <summary>
    /// The index of the last threshold that is &gt;= <paramref name="threshold"/> in a descending threshold list,
    /// or -1 when every threshold is below it.
    /// </summary>
    public static int LastAtLeast(ReadOnlySpan<double> descending, double threshold)
    {
        int lo = 0, hi = descending.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (descending[mid] >= threshold)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>numpy's <c>np.isclose(value, 0.0)</c>: |value| &lt;= 1e-8.</summary>
    public static bool IsCloseToZero(double value) => Math.Abs(value) <= 1e-8;

    /// <summary>numpy's <c>linspace(start, stop, count)</c>: start + i·step, the last value exactly stop.</summary>
    internal static double[] Linspace(double start, double stop, int count)
    {
        var values = new double[count];
        if (count == 1)
        {
            values[0] = start;
            return values;
        }

        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++)
        {
            values[i] = (i * step) + start;
        }

        values[count - 1] = stop;
        return values;
    }
}
