namespace Verdict.Charts;

/// <summary>
/// A reliability diagram: for each series, the fraction of positives against the mean predicted probability of
/// each non-empty bin (a line with a marker per bin, tooltips giving the bin, its rows and both values), the
/// diagonal of perfect calibration, and beneath it a histogram of the rows per bin over the same probability axis.
/// The legend shows each series' expected calibration error when given.
/// </summary>
/// <example>
/// <code>
/// string svg = ReliabilityChart.Render(new[] { CalibrationSeries.Binary("fraud", probabilities, positives) });
/// </code>
/// </example>
public static class ReliabilityChart
{
    /// <summary>Renders <paramref name="series"/> as one SVG document.</summary>
    public static string Render(IReadOnlyList<CalibrationSeries> series, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ChartOptions o = ChartOptions.Resolve(options);
        string title = o.Title ?? "Reliability diagram";
        var curveSeries = series.Select(s => new CurveSeries(s.Name, s.Curve.MeanPredicted, s.Curve.FractionOfPositives)).ToList();
        var legend = new List<LegendEntry>
        {
            new("Perfectly calibrated", new SeriesStyle(ChartFrame.ReferenceColor, "5 4", 1.25)),
        };
        for (int i = 0; i < series.Count; i++)
        {
            string text = Markup.Truncate(series[i].Name, o.MaxLabelLength)
                + (series[i].ExpectedCalibrationError is { } e ? $" (ECE {Markup.Value(e, o.Digits)})" : string.Empty);
            legend.Add(new LegendEntry(text, ChartFrame.StyleOf(curveSeries, i), LegendGlyph.LineAndMarker));
        }

        if (series.Count > 0)
        {
            legend.Add(new LegendEntry("Rows per bin (histogram)", ChartFrame.StyleOf(curveSeries, 0), LegendGlyph.Box));
        }

        const double gap = 16;
        double legendWidth = ChartFrame.LegendWidth(legend);
        double available = o.Height - ChartFrame.MarginTop - ChartFrame.MarginBottom - gap;
        double side = Math.Max(140, Math.Min(o.Width - ChartFrame.MarginLeft - ChartFrame.MarginRight - ChartFrame.LegendGap - legendWidth, available / 1.3));
        double histHeight = Math.Round(side * 0.3);
        double width = ChartFrame.MarginLeft + side + ChartFrame.LegendGap + legendWidth + ChartFrame.MarginRight;
        double height = Math.Max(ChartFrame.MarginTop + side + gap + histHeight + ChartFrame.MarginBottom,
                                 ChartFrame.MarginTop + (legend.Count * ChartFrame.LegendLine) + 20);

        long maxCount = 1;
        foreach (CalibrationSeries s in series)
        {
            foreach (long c in s.Curve.Counts)
            {
                maxCount = Math.Max(maxCount, c);
            }
        }

        var w = new SvgWriter(width, height, title, "Reliability diagram: fraction of positives against mean predicted probability per bin, with a histogram of rows per bin.", "reliability-chart");
        w.Text(width / 2, 24, title, "middle", "chart-title", 15, weight: "bold");
        var top = new PlotArea(ChartFrame.MarginLeft, ChartFrame.MarginTop, side, side,
            Axis.Unit("Mean predicted probability"), Axis.Unit("Fraction of positives"));
        var bottom = new PlotArea(ChartFrame.MarginLeft, ChartFrame.MarginTop + side + gap, side, histHeight,
            Axis.Unit("Mean predicted probability"), Axis.Nice(0, maxCount, "Rows", 3));
        ChartFrame.DrawAxes(w, top, xLabels: false);
        ChartFrame.DrawAxes(w, bottom, xLabels: true);
        ChartFrame.ReferenceLine(w, top, 0, 0, 1, 1, "Perfect calibration");

        w.Group("histogram").EndOpen();
        w.Content("\n");
        for (int i = 0; i < series.Count; i++)
        {
            DrawHistogram(w, bottom, series[i], ChartFrame.StyleOf(curveSeries, i).Color, series.Count > 1 ? 0.35 : 0.6);
        }

        w.Close("g");
        for (int i = 0; i < series.Count; i++)
        {
            DrawCurve(w, top, series[i], ChartFrame.StyleOf(curveSeries, i), o);
        }

        ChartFrame.DrawLegend(w, ChartFrame.MarginLeft + side + ChartFrame.LegendGap, ChartFrame.MarginTop, legendWidth, legend);
        return w.Finish();
    }

    private static void DrawCurve(SvgWriter w, PlotArea p, CalibrationSeries s, SeriesStyle style, ChartOptions o)
    {
        Probabilistic.CalibrationCurve c = s.Curve;
        w.Group("series").EndOpen();
        w.Title(s.Name).Content("\n");
        var d = new System.Text.StringBuilder();
        for (int k = 0; k < c.Counts.Count; k++)
        {
            d.Append(k == 0 ? "M" : " L").Append(Markup.Px(p.X(c.MeanPredicted[k]))).Append(' ').Append(Markup.Px(p.Y(c.FractionOfPositives[k])));
        }

        if (c.Counts.Count > 0)
        {
            w.Start("path").Attr("class", "line").Attr("d", d.ToString()).Attr("fill", "none").Attr("stroke", style.Color)
                .Attr("stroke-width", style.Width).AttrIf("stroke-dasharray", style.Dash).Attr("stroke-linejoin", "round").EndEmpty();
        }

        w.Group("points").EndOpen();
        w.Content("\n");
        for (int k = 0; k < c.Counts.Count; k++)
        {
            string tip = $"{s.Name}\nbin {BinText(c, k, o.Digits)}: {c.Counts[k]} rows\nmean predicted {Markup.Value(c.MeanPredicted[k], o.Digits)}, fraction of positives {Markup.Value(c.FractionOfPositives[k], o.Digits)}";
            w.Start("circle").Attr("class", "point").Attr("cx", p.X(c.MeanPredicted[k])).Attr("cy", p.Y(c.FractionOfPositives[k])).Attr("r", 3.5)
                .Attr("fill", style.Color).Attr("stroke", "#ffffff").Attr("stroke-width", 0.75).EndOpen();
            w.Title(tip).Close("circle");
        }

        w.Close("g");
        w.Close("g");
    }

    private static void DrawHistogram(SvgWriter w, PlotArea p, CalibrationSeries s, string color, double opacity)
    {
        Probabilistic.CalibrationCurve c = s.Curve;
        for (int k = 0; k < c.Counts.Count; k++)
        {
            int b = c.Bins[k];
            double x0 = p.X(c.Edges[b]), x1 = p.X(c.Edges[b + 1]), y = p.Y(c.Counts[k]);
            w.Start("rect").Attr("class", "bar").Attr("x", x0).Attr("y", y).Attr("width", Math.Max(0.5, x1 - x0)).Attr("height", p.Bottom - y)
                .Attr("fill", color).Attr("fill-opacity", opacity.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))
                .Attr("stroke", color).Attr("stroke-width", 0.75).EndOpen();
            w.Title($"{s.Name}\nbin {BinText(c, k, 4)}: {c.Counts[k]} rows").Close("rect");
        }
    }

    /// <summary>"[e0, e1]" for the first bin (it holds e0 too), "(eᵢ, eᵢ₊₁]" for the others.</summary>
    private static string BinText(Probabilistic.CalibrationCurve c, int k, int digits)
    {
        int b = c.Bins[k];
        return (b == 0 ? "[" : "(") + Markup.Value(c.Edges[b], digits) + ", " + Markup.Value(c.Edges[b + 1], digits) + "]";
    }
}
