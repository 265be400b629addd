namespace Verdict.Charts;

/// <summary>
/// Scores against the decision threshold (typically precision, recall and F1 from
/// <see cref="ChartSeries.Thresholds"/>): y over [0, 1], x over the thresholds rounded out to nice values, with an
/// optional chosen threshold marked by a vertical line and its label.
/// </summary>
/// <example>
/// <code>
/// var curve = BinaryCurve.Compute(scores, positives);
/// OperatingPoint best = ThresholdSelection.MaxFBeta(curve)!.Value;
/// string svg = ThresholdChart.Render(ChartSeries.Thresholds(curve), ThresholdMarker.From(best, "max F1"));
/// </code>
/// </example>
public static class ThresholdChart
{
    /// <summary>Renders <paramref name="series"/> (x = threshold, y = score) and the <paramref name="marker"/>, if any, as one SVG document.</summary>
    public static string Render(IReadOnlyList<CurveSeries> series, ThresholdMarker? marker = null, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ChartOptions o = ChartOptions.Resolve(options);
        string title = o.Title ?? "Scores by threshold";
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (CurveSeries s in series)
        {
            for (int i = 0; i < s.Count; i++)
            {
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))
                {
                    min = Math.Min(min, s.X[i]);
                    max = Math.Max(max, s.X[i]);
                }
            }
        }

        bool drawMarker = marker is { } m0 && double.IsFinite(m0.Threshold);
        if (drawMarker)
        {
            min = Math.Min(min, marker!.Value.Threshold);
            max = Math.Max(max, marker.Value.Threshold);
        }

        if (min > max)
        {
            (min, max) = (0, 1);
        }

        Axis x = Axis.Nice(min, max, "Threshold");
        var legend = new List<LegendEntry>();
        for (int i = 0; i < series.Count; i++)
        {
            legend.Add(new LegendEntry(ChartFrame.LegendText(series[i], "score", o), ChartFrame.StyleOf(series, i)));
        }

        string? markerText = null;
        if (drawMarker)
        {
            ThresholdMarker m = marker!.Value;
            markerText = "threshold " + Markup.Value(m.Threshold, o.Digits) + (string.IsNullOrEmpty(m.Label) ? string.Empty : ": " + m.Label);
            legend.Add(new LegendEntry("chosen threshold", new SeriesStyle("#000000", "4 3", 1.5)));
        }

        (SvgWriter w, PlotArea p, double legendX) = ChartFrame.Begin(o, title, "threshold-chart",
            "Scores against the decision threshold (rows with score >= threshold are positive).",
            x, Axis.Unit("Score"), legend, square: false);
        for (int i = 0; i < series.Count; i++)
        {
            ChartFrame.DrawSeries(w, p, series[i], ChartFrame.StyleOf(series, i), o, step: false, "threshold", series[i].Name);
        }

        if (drawMarker)
        {
            double t = marker!.Value.Threshold, px = p.X(t);
            w.Group("marker").EndOpen();
            w.Title(markerText!).Content("\n");
            w.Line(px, p.Top, px, p.Bottom, "#000000", 1.5, "4 3");
            bool right = px < p.Left + (p.Width * 0.6);
            w.Start("text").Attr("class", "marker-label").Attr("x", right ? px + 5 : px - 5).Attr("y", p.Top + 14)
                .Attr("text-anchor", right ? "start" : "end").Attr("font-size", "11").Attr("stroke", "#ffffff").Attr("stroke-width", 3)
                .Attr("paint-order", "stroke").EndOpen().Content(Markup.Truncate(markerText!, 48)).Close("text");
            w.Close("g");
        }

        ChartFrame.DrawLegend(w, legendX, p.Top, ChartFrame.LegendWidth(legend), legend);
        return w.Finish();
    }
}
