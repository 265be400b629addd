using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Probabilistic;

/// <summary>
/// Expected and maximum calibration error over equal-width bins. Verdict's definition (there is no scikit-learn
/// function): the probabilities are binned exactly as <see cref="CalibrationCurve"/> with
/// <see cref="CalibrationStrategy.Uniform"/> (bins (eᵢ₋₁, eᵢ], the first also holding 0), and for each non-empty
/// bin b with nᵦ rows, accuracy accᵦ (fraction of positives, or of correct top labels) and confidence confᵦ (mean
/// probability):
/// ECE = Σᵦ (nᵦ / N) · |accᵦ − confᵦ|, MCE = maxᵦ |accᵦ − confᵦ|. Both are 0 for a perfectly calibrated model.
/// </summary>
/// <example>
/// <code>
/// // bins of width 0.5: {0.2, 0.4} has 1 positive (acc 0.5, conf 0.3); {0.6, 0.9} has 2 (acc 1, conf 0.75)
/// var e = CalibrationError.Binary(new[] { 0.2, 0.4, 0.6, 0.9 }, new[] { false, true, true, true }, binCount: 2);
/// e.Expected;   // 0.5·0.2 + 0.5·0.25 = 0.225
/// e.Maximum;    // 0.25
/// </code>
/// </example>
public static class CalibrationError
{
    /// <summary>ECE and MCE of positive-class <paramref name="probabilities"/> against <paramref name="positives"/>.</summary>
    public static CalibrationErrors Binary(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> positives, int binCount = 10)
    {
        CalibrationCurve curve = CalibrationCurve.Compute(probabilities, positives, binCount, CalibrationStrategy.Uniform);
        return FromCurve(curve, probabilities.Length);
    }

    /// <summary>
    /// Top-label ECE and MCE for multiclass probabilities (row-major, rows × <paramref name="classCount"/>): the
    /// confidence of a row is its highest probability (ties: the lowest class index, as argmax) and it is correct
    /// when that class is the true one.
    /// </summary>
    public static CalibrationErrors TopLabel(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount, int binCount = 10)
    {
        (double[] confidence, bool[] correct) = TopLabelConfidence(labels, probabilities, classCount);
        return Binary(confidence, correct, binCount);
    }

    /// <summary>
    /// Each row's top-label confidence (its highest probability; ties: the lowest class index, as argmax) and whether
    /// that class is the true one: the binary problem top-label calibration measures.
    /// </summary>
    public static (double[] Confidence, bool[] Correct) TopLabelConfidence(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount)
    {
        int rows = CurveChecks.Rows(probabilities.Length, classCount, nameof(probabilities));
        Guard.SameLength(rows, labels.Length, nameof(labels));
        CurveChecks.Labels(labels, classCount);
        CurveChecks.Probabilities(probabilities, nameof(probabilities));
        var confidence = new double[rows];
        var correct = new bool[rows];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> row = probabilities.Slice(r * classCount, classCount);
            int best = 0;
            for (int k = 1; k < classCount; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            confidence[r] = row[best];
            correct[r] = best == labels[r];
        }

        return (confidence, correct);
    }

    private static CalibrationErrors FromCurve(CalibrationCurve curve, int rows)
    {
        double expected = 0, maximum = 0;
        for (int k = 0; k < curve.Counts.Count; k++)
        {
            double gap = Math.Abs(curve.FractionOfPositives[k] - curve.MeanPredicted[k]);
            expected += (double)curve.Counts[k] / rows * gap;
            maximum = Math.Max(maximum, gap);
        }

        return new CalibrationErrors(expected, maximum);
    }
}

/// <summary>Expected and maximum calibration error (see <see cref="CalibrationError"/>).</summary>
/// <param name="Expected">ECE: the row-weighted mean gap |accuracy − confidence| over the non-empty bins.</param>
/// <param name="Maximum">MCE: the largest gap over the non-empty bins.</param>
public readonly record struct CalibrationErrors(double Expected, double Maximum);
