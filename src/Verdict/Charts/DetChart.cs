namespace Verdict.Charts;

/// <summary>
/// Detection error tradeoff curves: false negative (miss) rate against false positive rate. By default both axes
/// are normal deviate scales (<see cref="DetScale.NormalDeviate"/>, as scikit-learn's <c>DetCurveDisplay</c>), on
/// which normally distributed scores give straight lines; <see cref="ChartOptions.DetScale"/> can make them linear.
/// Rates of 0 or 1 (infinite deviates) are drawn on the axis edges. The chance line (FNR = 1 − FPR) and each
/// series' equal error rate (as its <see cref="CurveSeries.Score"/>, "EER") in the legend.
/// </summary>
public static class DetChart
{
    /// <summary>Renders <paramref name="series"/> (x = FPR, y = FNR) as one SVG document.</summary>
    public static string Render(IReadOnlyList<CurveSeries> series, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ChartOptions o = ChartOptions.Resolve(options);
        string title = o.Title ?? "DET curve";
        bool probit = o.DetScale == DetScale.NormalDeviate;
        Axis x = probit ? Axis.NormalDeviate("False positive rate") : Axis.Unit("False positive rate");
        Axis y = probit ? Axis.NormalDeviate("False negative rate") : Axis.Unit("False negative rate");
        var legend = new List<LegendEntry>();
        for (int i = 0; i < series.Count; i++)
        {
            legend.Add(new LegendEntry(ChartFrame.LegendText(series[i], "EER", o), ChartFrame.StyleOf(series, i)));
        }

        legend.Add(new LegendEntry("Chance (FNR = 1 − FPR)", new SeriesStyle(ChartFrame.ReferenceColor, "5 4", 1.25)));
        (SvgWriter w, PlotArea p, double legendX) = ChartFrame.Begin(o, title, "det-chart",
            probit ? "DET curves on normal deviate axes." : "DET curves on linear axes.",
            x, y, legend, square: true);
        ChartFrame.ReferenceLine(w, p, x.Min, 1 - x.Min, x.Max, 1 - x.Max, "Chance level (FNR = 1 − FPR)");
        for (int i = 0; i < series.Count; i++)
        {
            ChartFrame.DrawSeries(w, p, series[i], ChartFrame.StyleOf(series, i), o, step: false, "FPR", "FNR");
        }

        ChartFrame.DrawLegend(w, legendX, p.Top, ChartFrame.LegendWidth(legend), legend);
        return w.Finish();
    }
}
