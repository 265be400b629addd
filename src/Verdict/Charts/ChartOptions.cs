namespace Verdict.Charts;

/// <summary>How a DET chart scales its axes.</summary>
public enum DetScale
{
    /// <summary>
    /// Normal deviate (probit) axes, as scikit-learn's <c>DetCurveDisplay</c> and the DET literature: a rate r is
    /// placed at Φ⁻¹(r), so a classifier whose scores are normal in both classes draws a straight line. Ticks at 0.1%
    /// … 99.9%; rates of 0 and 1 sit on the axis edges (0.05% and 99.95%).
    /// </summary>
    NormalDeviate = 0,

    /// <summary>Linear axes over [0, 1].</summary>
    Linear = 1,
}

/// <summary>
/// Size, title and drawing limits shared by every chart. The defaults (<c>new ChartOptions()</c>) suit a report:
/// 640 × 440 pixels, at most 2,000 drawn points and 40 hover tooltips per series, values with four decimals.
/// </summary>
public sealed record ChartOptions
{
    /// <summary>The title drawn above the chart; null uses the chart's own ("ROC curve", ...).</summary>
    public string? Title { get; init; }

    /// <summary>Width in pixels the layout aims at (at least 240). Legends and labels may widen it.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Height in pixels the layout aims at (at least 200). A long legend may make the chart taller.</summary>
    public int Height { get; init; } = 440;

    /// <summary>At most this many points are drawn per series (at least 2); see <see cref="CurveThinning"/>.</summary>
    public int MaxPointsPerSeries { get; init; } = CurveThinning.DefaultBudget;

    /// <summary>Hover tooltips (invisible markers with a <c>&lt;title&gt;</c>) per series, spread evenly along it; 0 for none.</summary>
    public int TooltipsPerSeries { get; init; } = 40;

    /// <summary>Decimals of the values in legends and tooltips (0 to 10).</summary>
    public int Digits { get; init; } = 4;

    /// <summary>Labels longer than this many characters are shortened with "…" (full text in a tooltip); at least 4.</summary>
    public int MaxLabelLength { get; init; } = 18;

    /// <summary>The axis scale of DET charts.</summary>
    public DetScale DetScale { get; init; } = DetScale.NormalDeviate;

    /// <summary>The options given, or the defaults when null; checked.</summary>
    internal static ChartOptions Resolve(ChartOptions? options)
    {
        ChartOptions o = options ?? new ChartOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Width, 240, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Height, 200, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxPointsPerSeries, 2, nameof(MaxPointsPerSeries));
        ArgumentOutOfRangeException.ThrowIfNegative(o.TooltipsPerSeries, nameof(TooltipsPerSeries));
        ArgumentOutOfRangeException.ThrowIfNegative(o.Digits, nameof(Digits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.Digits, 10, nameof(Digits));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxLabelLength, 4, nameof(MaxLabelLength));
        return o;
    }
}
