using System.Globalization;

namespace Verdict.Charts;

/// <summary>One tick of an axis: its data value and its label.</summary>
internal readonly record struct Tick(double Value, string Label);

/// <summary>
/// A chart axis: a data range, its ticks and title, and an optional monotone transform (the normal deviate scale
/// of DET charts). Values outside the range are clamped to it when <see cref="Clamp"/> is set.
/// </summary>
internal sealed class Axis
{
    private readonly Func<double, double> _transform;
    private readonly double _tMin;
    private readonly double _tMax;

    public Axis(double min, double max, IReadOnlyList<Tick> ticks, string title, Func<double, double>? transform = null, bool clamp = false)
    {
        Min = min;
        Max = max;
        Ticks = ticks;
        Title = title;
        Clamp = clamp;
        _transform = transform ?? (v => v);
        _tMin = _transform(min);
        _tMax = _transform(max);
    }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<Tick> Ticks { get; }

    public string Title { get; }

    public bool Clamp { get; }

    /// <summary>Position of <paramref name="value"/> along the axis, 0 at <see cref="Min"/> and 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value)
    {
        if (Clamp)
        {
            value = Math.Clamp(value, Min, Max);
        }

        return (_transform(value) - _tMin) / (_tMax - _tMin);
    }

    /// <summary>The unit interval [0, 1] with ticks every 0.2.</summary>
    public static Axis Unit(string title) => Nice(0, 1, title, exact: true);

    /// <summary>
    /// An axis over [<paramref name="min"/>, <paramref name="max"/>] with about <paramref name="target"/> ticks at
    /// round values (1, 2 or 5 times a power of ten). Unless <paramref name="exact"/>, the range is widened to the
    /// ticks around it.
    /// </summary>
    public static Axis Nice(double min, double max, string title, int target = 6, bool exact = false)
    {
        (double lo, double hi, double step) = NiceRange(min, max, target);
        if (exact)
        {
            lo = min;
            hi = max;
        }

        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        string format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        var ticks = new List<Tick>();
        long first = (long)Math.Ceiling((lo / step) - 1e-9), last = (long)Math.Floor((hi / step) + 1e-9);
        for (long k = first; k <= last; k++)
        {
            double v = k * step;
            string label = v.ToString(format, CultureInfo.InvariantCulture);
            ticks.Add(new Tick(v, label.StartsWith("-0", StringComparison.Ordinal) && v > -step / 2 ? label[1..] : label));
        }

        return new Axis(lo, hi, ticks, title);
    }

    /// <summary>
    /// Heckbert's "nice numbers" range: a step of 1, 2 or 5 × 10^k near (max − min)/(target − 1), and the range
    /// widened to multiples of it. An empty range is widened by 0.5 either side (by half its size when large).
    /// </summary>
    public static (double Min, double Max, double Step) NiceRange(double min, double max, int target = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max == min)
        {
            double pad = Math.Abs(min) > 1 ? Math.Abs(min) / 2 : 0.5;
            min -= pad;
            max += pad;
        }

        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / Math.Max(1, target - 1), round: true);
        return (Math.Floor((min / step) + 1e-9) * step, Math.Ceiling((max / step) - 1e-9) * step, step);
    }

    private static double NiceNumber(double x, bool round)
    {
        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double f = x / power;
        double nice = round
            ? f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
            : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>
    /// The normal deviate (probit) axis of DET charts, as scikit-learn's <c>DetCurveDisplay</c>: ticks at 0.1%, 1%,
    /// 5%, 20%, 50%, 80%, 95%, 99% and 99.9%, the range 0.05% to 99.95%, and rates outside it (0 and 1 among them)
    /// drawn on its edge.
    /// </summary>
    public static Axis NormalDeviate(string title)
    {
        double[] at = [0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999];
        string[] labels = ["0.1%", "1%", "5%", "20%", "50%", "80%", "95%", "99%", "99.9%"];
        var ticks = new Tick[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            ticks[i] = new Tick(at[i], labels[i]);
        }

        return new Axis(0.0005, 0.9995, ticks, title, NormalDeviates.Quantile, clamp: true);
    }
}
