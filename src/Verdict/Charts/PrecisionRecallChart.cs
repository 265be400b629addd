using System.Globalization;

namespace Verdict.Charts;

/// <summary>
/// Precision-recall curves: precision against recall over [0, 1]², drawn as post-steps in the order given
/// (scikit-learn's <c>PrecisionRecallDisplay</c>, whose step area is the average precision), with iso-F1 contours
/// (F1 = 0.2, 0.4, 0.6, 0.8), each series' prevalence baseline (the precision of a chance classifier) as a dotted
/// line in its colour, and a legend with each series' AP.
/// </summary>
public static class PrecisionRecallChart
{
    private static readonly double[] IsoF1 = [0.2, 0.4, 0.6, 0.8];

    /// <summary>Renders <paramref name="series"/> (x = recall, y = precision; <see cref="CurveSeries.Score"/> is shown as AP) as one SVG document.</summary>
    public static string Render(IReadOnlyList<CurveSeries> series, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ChartOptions o = ChartOptions.Resolve(options);
        string title = o.Title ?? "Precision-recall curve";
        var legend = new List<LegendEntry>();
        for (int i = 0; i < series.Count; i++)
        {
            legend.Add(new LegendEntry(ChartFrame.LegendText(series[i], "AP", o), ChartFrame.StyleOf(series, i)));
        }

        var baselines = series.Where(s => s.Baseline is { } b && double.IsFinite(b)).ToList();
        if (baselines.Count == 1)
        {
            legend.Add(new LegendEntry($"Chance (prevalence {Markup.Value(baselines[0].Baseline!.Value, o.Digits)})", new SeriesStyle(ChartFrame.ReferenceColor, "1 3", 1.5)));
        }
        else if (baselines.Count > 1)
        {
            legend.Add(new LegendEntry("Chance (prevalence, dotted)", new SeriesStyle(ChartFrame.ReferenceColor, "1 3", 1.5)));
        }

        legend.Add(new LegendEntry("Iso-F1 contours", new SeriesStyle("#b3b3b3", null, 1)));
        (SvgWriter w, PlotArea p, double legendX) = ChartFrame.Begin(o, title, "pr-chart",
            "Precision-recall curves with iso-F1 contours and prevalence baselines.",
            Axis.Unit("Recall"), Axis.Unit("Precision"), legend, square: true);

        w.Group("iso-f1").EndOpen();
        w.Content("\n");
        foreach (double f in IsoF1)
        {
            DrawIsoF1(w, p, f);
        }

        w.Close("g");
        w.Group("baselines").EndOpen();
        w.Content("\n");
        for (int i = 0; i < series.Count; i++)
        {
            if (series[i].Baseline is { } b && double.IsFinite(b))
            {
                ChartFrame.ReferenceLine(w, p, 0, b, 1, b, $"Chance precision of {series[i].Name}: prevalence {Markup.Value(b, o.Digits)}",
                    "1 3", ChartFrame.StyleOf(series, i).Color);
            }
        }

        w.Close("g");
        for (int i = 0; i < series.Count; i++)
        {
            ChartFrame.DrawSeries(w, p, series[i], ChartFrame.StyleOf(series, i), o, step: true, "recall", "precision");
        }

        ChartFrame.DrawLegend(w, legendX, p.Top, ChartFrame.LegendWidth(legend), legend);
        return w.Finish();
    }

    /// <summary>The contour precision = f·r / (2r − f) for recall r from f / (2 − f) (where precision is 1) to 1.</summary>
    private static void DrawIsoF1(SvgWriter w, PlotArea p, double f)
    {
        const int steps = 48;
        double r0 = f / (2 - f);
        var d = new System.Text.StringBuilder();
        for (int k = 0; k <= steps; k++)
        {
            double r = r0 + ((1 - r0) * k / steps);
            double precision = f * r / ((2 * r) - f);
            d.Append(k == 0 ? "M" : " L").Append(Markup.Px(p.X(r))).Append(' ').Append(Markup.Px(p.Y(precision)));
        }

        string label = "F1=" + f.ToString("0.0", CultureInfo.InvariantCulture);
        w.Start("path").Attr("class", "contour").Attr("d", d.ToString()).Attr("fill", "none").Attr("stroke", "#b3b3b3").Attr("stroke-width", 1).EndOpen();
        w.Title("Iso-F1 contour " + label).Close("path");
        // Labelled where the contour crosses the diagonal (recall = precision = f), just below-left of it.
        w.Text(p.X(f) - 3, p.Y(f) + 11, label, "end", "contour-label", 10, fill: "#8c8c8c");
    }
}
