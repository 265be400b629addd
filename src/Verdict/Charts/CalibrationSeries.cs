using Verdict.Internal;
using Verdict.Probabilistic;

namespace Verdict.Charts;

/// <summary>
/// One series of a reliability diagram: a <see cref="CalibrationCurve"/> (mean predicted probability and fraction
/// of positives per non-empty bin, with the bin counts that make the histogram) and, optionally, its expected
/// calibration error for the legend.
/// </summary>
public sealed class CalibrationSeries
{
    /// <summary>A series named <paramref name="name"/> over <paramref name="curve"/>.</summary>
    public CalibrationSeries(string name, CalibrationCurve curve)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(curve);
        Name = name;
        Curve = curve;
    }

    /// <summary>The name shown in the legend and tooltips.</summary>
    public string Name { get; }

    /// <summary>The calibration curve.</summary>
    public CalibrationCurve Curve { get; }

    /// <summary>The expected calibration error shown in the legend ("ECE 0.0123"), or null.</summary>
    public double? ExpectedCalibrationError { get; init; }

    /// <summary>
    /// Positive-class <paramref name="probabilities"/> against <paramref name="positives"/> in
    /// <paramref name="binCount"/> equal-width bins, with <see cref="CalibrationError.Binary"/>'s ECE.
    /// </summary>
    public static CalibrationSeries Binary(string name, ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> positives, int binCount = 10)
    {
        CalibrationCurve curve = CalibrationCurve.Compute(probabilities, positives, binCount, CalibrationStrategy.Uniform);
        return new CalibrationSeries(name, curve)
        {
            ExpectedCalibrationError = CalibrationError.Binary(probabilities, positives, binCount).Expected,
        };
    }

    /// <summary>
    /// Top-label calibration of multiclass probabilities (row-major, rows × <paramref name="classCount"/>): each row's
    /// confidence is its highest probability (ties: the lowest class index), and it counts as positive when that
    /// class is the true one; equal-width bins, with <see cref="CalibrationError.TopLabel"/>'s ECE.
    /// </summary>
    public static CalibrationSeries TopLabel(string name, ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount, int binCount = 10)
    {
        (double[] confidence, bool[] correct) = CalibrationError.TopLabelConfidence(labels, probabilities, classCount);
        CalibrationErrors errors = CalibrationError.Binary(confidence, correct, binCount);
        CalibrationCurve curve = CalibrationCurve.Compute(confidence, correct, binCount, CalibrationStrategy.Uniform);
        return new CalibrationSeries(name, curve) { ExpectedCalibrationError = errors.Expected };
    }
}
