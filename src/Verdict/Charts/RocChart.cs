namespace Verdict.Charts;

/// <summary>
/// ROC curves: true positive rate against false positive rate over [0, 1]², one line per series (classes in
/// palette colours, averages in black and grey dashes), the chance diagonal, and a legend with each series' AUC.
/// </summary>
/// <example>
/// <code>
/// var curve = BinaryCurve.Compute(scores, positives);
/// string svg = RocChart.Render(new[] { ChartSeries.Roc("fraud", curve) });
/// // multiclass: per-class curves with micro and macro averages
/// string svg2 = RocChart.Render(ChartSeries.RocOneVsRest(labels, probabilities, classNames));
/// </code>
/// </example>
public static class RocChart
{
    /// <summary>Renders <paramref name="series"/> (x = FPR, y = TPR; <see cref="CurveSeries.Score"/> is shown as AUC) as one SVG document.</summary>
    public static string Render(IReadOnlyList<CurveSeries> series, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ChartOptions o = ChartOptions.Resolve(options);
        string title = o.Title ?? "ROC curve";
        var legend = new List<LegendEntry>();
        for (int i = 0; i < series.Count; i++)
        {
            legend.Add(new LegendEntry(ChartFrame.LegendText(series[i], "AUC", o), ChartFrame.StyleOf(series, i)));
        }

        legend.Add(new LegendEntry("Chance (AUC 0.5)", new SeriesStyle(ChartFrame.ReferenceColor, "5 4", 1.25)));
        (SvgWriter w, PlotArea p, double legendX) = ChartFrame.Begin(o, title, "roc-chart",
            "ROC curves: true positive rate against false positive rate, with the chance diagonal.",
            Axis.Unit("False positive rate"), Axis.Unit("True positive rate"), legend, square: true);
        ChartFrame.ReferenceLine(w, p, 0, 0, 1, 1, "Chance level (AUC 0.5)");
        for (int i = 0; i < series.Count; i++)
        {
            ChartFrame.DrawSeries(w, p, series[i], ChartFrame.StyleOf(series, i), o, step: false, "FPR", "TPR");
        }

        ChartFrame.DrawLegend(w, legendX, p.Top, ChartFrame.LegendWidth(legend), legend);
        return w.Finish();
    }
}
