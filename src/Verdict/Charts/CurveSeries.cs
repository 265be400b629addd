using System.Globalization;

namespace Verdict.Charts;

/// <summary>Whether a series is one class's curve or an average over classes (drawn in black or grey, thicker).</summary>
public enum SeriesRole
{
    /// <summary>One class (or the only curve): drawn in a palette colour.</summary>
    Class = 0,

    /// <summary>An average (micro, macro): drawn in black or grey with a dash, thicker.</summary>
    Average = 1,
}

/// <summary>
/// One named series of (x, y) points for a chart, e.g. a ROC curve (x = FPR, y = TPR), with optional thresholds
/// (shown in tooltips), a score for the legend (AUC, AP, EER) and a baseline (the prevalence line of PR charts).
/// Points whose x or y is not finite are not drawn.
/// </summary>
/// <example>
/// <code>
/// var s = new CurveSeries("model A", new[] { 0.0, 0.5, 1.0 }, new[] { 0.0, 0.9, 1.0 }) { Score = 0.7 };
/// string svg = RocChart.Render(new[] { s });
/// </code>
/// </example>
public sealed record CurveSeries
{
    private readonly IReadOnlyList<double>? _thresholds;

    /// <summary>A series named <paramref name="name"/> with points (<paramref name="x"/>[i], <paramref name="y"/>[i]).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public CurveSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Series '{name}' has {x.Count} x values but {y.Count} y values; give one y per x."),
                nameof(y));
        }

        Name = name;
        X = x;
        Y = y;
    }

    /// <summary>The name shown in the legend and tooltips.</summary>
    public string Name { get; }

    /// <summary>The x coordinates.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>The y coordinates.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>The score threshold of each point (NaN or infinite where a point has none), or null.</summary>
    /// <exception cref="ArgumentException">Set to a list whose length differs from the points'.</exception>
    public IReadOnlyList<double>? Thresholds
    {
        get => _thresholds;
        init
        {
            if (value is not null && value.Count != X.Count)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Series '{Name}' has {X.Count} points but {value.Count} thresholds; give one threshold per point."),
                    nameof(value));
            }

            _thresholds = value;
        }
    }

    /// <summary>The series' score for the legend (AUC on ROC charts, AP on PR charts, EER on DET charts), or null.</summary>
    public double? Score { get; init; }

    /// <summary>A horizontal reference level (the prevalence, chance precision, on PR charts), or null.</summary>
    public double? Baseline { get; init; }

    /// <summary>Class curve or average.</summary>
    public SeriesRole Role { get; init; }

    /// <summary>Number of points.</summary>
    public int Count => X.Count;
}

/// <summary>
/// A marked threshold on a threshold chart: a vertical line at <see cref="Threshold"/> with <see cref="Label"/>
/// beside it. <c>default(ThresholdMarker)</c> marks threshold 0 with no label.
/// </summary>
/// <param name="Threshold">The score threshold (rows with score &gt;= it are positive). A non-finite threshold is not drawn.</param>
/// <param name="Label">The text beside the line, e.g. "max F1 0.8123"; null shows the threshold alone.</param>
public readonly record struct ThresholdMarker(double Threshold, string? Label)
{
    /// <summary>
    /// A marker at an operating point chosen by <paramref name="objective"/>, labelled "objective value"
    /// (e.g. "max F1 0.8123") with <paramref name="digits"/> decimals.
    /// </summary>
    public static ThresholdMarker From(Thresholds.OperatingPoint point, string objective, int digits = 4) =>
        new(point.Threshold, objective + " " + Markup.Value(point.Value, digits));
}
