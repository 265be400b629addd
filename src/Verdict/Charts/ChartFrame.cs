namespace Verdict.Charts;

/// <summary>How a series is stroked.</summary>
internal readonly record struct SeriesStyle(string Color, string? Dash, double Width);

/// <summary>The symbol a legend entry shows.</summary>
internal enum LegendGlyph
{
    Line = 0,
    LineAndMarker = 1,
    Box = 2,
}

/// <summary>One legend line: its full text and how its symbol is drawn.</summary>
internal sealed record LegendEntry(string Text, SeriesStyle Style, LegendGlyph Glyph = LegendGlyph.Line);

/// <summary>The plotting rectangle and the two axes that map data into it.</summary>
internal sealed class PlotArea(double left, double top, double width, double height, Axis x, Axis y)
{
    public double Left { get; } = left;

    public double Top { get; } = top;

    public double Width { get; } = width;

    public double Height { get; } = height;

    public double Right => Left + Width;

    public double Bottom => Top + Height;

    public Axis XAxis { get; } = x;

    public Axis YAxis { get; } = y;

    public double X(double value) => Left + (XAxis.Fraction(value) * Width);

    public double Y(double value) => Bottom - (YAxis.Fraction(value) * Height);
}

/// <summary>The parts every x-y chart shares: layout, axes and grid, series paths with tooltips, and the legend.</summary>
internal static class ChartFrame
{
    public const double MarginLeft = 64;
    public const double MarginRight = 16;
    public const double MarginBottom = 52;
    public const double LegendGap = 20;
    public const double LegendFont = 11;
    public const double LegendLine = 18;
    public const string ReferenceColor = "#7f7f7f";
    public const string GridColor = "#e6e6e6";
    public const string AxisColor = "#333333";

    private static readonly SeriesStyle[] AverageStyles =
    [
        new("#000000", "7 3", 2.5),
        new("#595959", "2 2", 2.5),
        new("#000000", "2 2", 2.5),
        new("#595959", "7 3", 2.5),
    ];

    /// <summary>Top margin: room for the title.</summary>
    public static double MarginTop => 44;

    /// <summary>The style of <paramref name="series"/>[<paramref name="index"/>]: palette colours for classes, black and grey dashes for averages.</summary>
    public static SeriesStyle StyleOf(IReadOnlyList<CurveSeries> series, int index)
    {
        int classIndex = 0, averageIndex = 0;
        for (int i = 0; i < index; i++)
        {
            if (series[i].Role == SeriesRole.Average)
            {
                averageIndex++;
            }
            else
            {
                classIndex++;
            }
        }

        return series[index].Role == SeriesRole.Average
            ? AverageStyles[averageIndex % AverageStyles.Length]
            : new SeriesStyle(Palette.SeriesColor(classIndex), Palette.SeriesDash(classIndex), 1.75);
    }

    /// <summary>"name (AUC 0.9876)", or the name alone when the series has no score.</summary>
    public static string LegendText(CurveSeries s, string scoreName, ChartOptions o) =>
        s.Score is { } v ? $"{Markup.Truncate(s.Name, o.MaxLabelLength)} ({scoreName} {Markup.Value(v, o.Digits)})" : Markup.Truncate(s.Name, o.MaxLabelLength);

    /// <summary>Width of the legend column for <paramref name="entries"/>, between 140 and 300 pixels.</summary>
    public static double LegendWidth(IReadOnlyList<LegendEntry> entries)
    {
        double widest = 0;
        foreach (LegendEntry e in entries)
        {
            widest = Math.Max(widest, Markup.TextWidth(e.Text, LegendFont));
        }

        return Math.Clamp(widest + 40, 140, 300);
    }

    /// <summary>
    /// Lays out a chart with one plot and a legend on its right, starts the SVG and draws the title, grid and axes.
    /// The plot is square when <paramref name="square"/>; <paramref name="extraBelow"/> leaves room under it.
    /// </summary>
    public static (SvgWriter Writer, PlotArea Plot, double LegendX) Begin(ChartOptions o, string title, string chartClass, string description,
                                                                           Axis x, Axis y, IReadOnlyList<LegendEntry> legend, bool square, double extraBelow = 0)
    {
        double legendWidth = LegendWidth(legend);
        double plotWidth = Math.Max(160, o.Width - MarginLeft - MarginRight - LegendGap - legendWidth);
        double plotHeight = Math.Max(140, o.Height - MarginTop - MarginBottom - extraBelow);
        if (square)
        {
            plotWidth = plotHeight = Math.Min(plotWidth, plotHeight);
        }

        double width = MarginLeft + plotWidth + LegendGap + legendWidth + MarginRight;
        double legendHeight = (legend.Count * LegendLine) + 12;
        double height = Math.Max(MarginTop + plotHeight + MarginBottom + extraBelow, MarginTop + legendHeight + 8);
        var w = new SvgWriter(width, height, title, description, chartClass);
        w.Text(width / 2, 24, title, "middle", "chart-title", 15, weight: "bold");
        var plot = new PlotArea(MarginLeft, MarginTop, plotWidth, plotHeight, x, y);
        DrawAxes(w, plot, xLabels: true);
        return (w, plot, MarginLeft + plotWidth + LegendGap);
    }

    /// <summary>Grid lines at the ticks, the plot frame, tick labels and axis titles.</summary>
    public static void DrawAxes(SvgWriter w, PlotArea p, bool xLabels)
    {
        w.Group("grid").EndOpen();
        w.Content("\n");
        foreach (Tick t in p.XAxis.Ticks)
        {
            double x = p.X(t.Value);
            w.Line(x, p.Top, x, p.Bottom, GridColor, 1);
        }

        foreach (Tick t in p.YAxis.Ticks)
        {
            double y = p.Y(t.Value);
            w.Line(p.Left, y, p.Right, y, GridColor, 1);
        }

        w.Close("g");
        w.Start("rect").Attr("class", "frame").Attr("x", p.Left).Attr("y", p.Top).Attr("width", p.Width).Attr("height", p.Height)
            .Attr("fill", "none").Attr("stroke", AxisColor).Attr("stroke-width", 1).EndEmpty();

        w.Group("x-axis").Attr("font-size", "11").EndOpen();
        w.Content("\n");
        foreach (Tick t in p.XAxis.Ticks)
        {
            double x = p.X(t.Value);
            w.Line(x, p.Bottom, x, p.Bottom + 5, AxisColor, 1);
            if (xLabels)
            {
                w.Text(x, p.Bottom + 18, t.Label, "middle", "tick");
            }
        }

        if (xLabels)
        {
            w.Text(p.Left + (p.Width / 2), p.Bottom + 40, p.XAxis.Title, "middle", "axis-title", 12);
        }

        w.Close("g");
        w.Group("y-axis").Attr("font-size", "11").EndOpen();
        w.Content("\n");
        foreach (Tick t in p.YAxis.Ticks)
        {
            double y = p.Y(t.Value);
            w.Line(p.Left - 5, y, p.Left, y, AxisColor, 1);
            w.Text(p.Left - 8, y + 4, t.Label, "end", "tick");
        }

        double cy = p.Top + (p.Height / 2), tx = p.Left - 48;
        w.Text(tx, cy, p.YAxis.Title, "middle", "axis-title", 12, transform: $"rotate(-90 {Markup.Px(tx)} {Markup.Px(cy)})");
        w.Close("g");
    }

    /// <summary>
    /// Draws one series: its finite points mapped to pixels (a point on the same hundredth of a pixel as the one
    /// before it is skipped), thinned to the point budget, as a polyline (or a
    /// post-step line when <paramref name="step"/>), then up to <see cref="ChartOptions.TooltipsPerSeries"/>
    /// invisible hover markers spread evenly by length along the drawn line, each with a tooltip.
    /// </summary>
    public static void DrawSeries(SvgWriter w, PlotArea p, CurveSeries s, SeriesStyle style, ChartOptions o, bool step,
                                  string xName, string yName)
    {
        var px = new List<double>(s.Count);
        var py = new List<double>(s.Count);
        var index = new List<int>(s.Count);
        for (int i = 0; i < s.Count; i++)
        {
            double x = s.X[i], y = s.Y[i];
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                continue;
            }

            // A point drawn on the same hundredth of a pixel as the one before it adds nothing to the line.
            double sx = Math.Round(p.X(x), 2), sy = Math.Round(p.Y(y), 2);
            if (px.Count > 0 && sx == px[^1] && sy == py[^1] && i < s.Count - 1)
            {
                continue;
            }

            px.Add(sx);
            py.Add(sy);
            index.Add(i);
        }

        int[] keep = CurveThinning.Select(px.ToArray(), py.ToArray(), o.MaxPointsPerSeries);
        w.Group("series").EndOpen();
        w.Title(s.Name).Content("\n");
        if (keep.Length > 0)
        {
            var d = new System.Text.StringBuilder(keep.Length * 16);
            for (int k = 0; k < keep.Length; k++)
            {
                int i = keep[k];
                if (k > 0 && step)
                {
                    d.Append(" L").Append(Markup.Px(px[i])).Append(' ').Append(Markup.Px(py[keep[k - 1]]));
                }

                d.Append(k == 0 ? "M" : " L").Append(Markup.Px(px[i])).Append(' ').Append(Markup.Px(py[i]));
            }

            w.Start("path").Attr("class", "line").Attr("d", d.ToString()).Attr("fill", "none").Attr("stroke", style.Color)
                .Attr("stroke-width", style.Width).AttrIf("stroke-dasharray", style.Dash)
                .Attr("stroke-linejoin", "round").Attr("stroke-linecap", "round").EndEmpty();
        }

        int[] tips = TooltipPoints(keep, px, py, o.TooltipsPerSeries);
        if (tips.Length > 0)
        {
            w.Group("points").EndOpen();
            w.Content("\n");
            foreach (int i in tips)
            {
                int source = index[i];
                string tip = $"{s.Name}\n{xName} {Markup.Value(s.X[source], o.Digits)}, {yName} {Markup.Value(s.Y[source], o.Digits)}";
                if (s.Thresholds is { } th)
                {
                    double t = th[source];
                    tip += double.IsPositiveInfinity(t) ? "\nthreshold +∞" : double.IsFinite(t) ? "\nthreshold " + Markup.Value(t, o.Digits) : string.Empty;
                }

                w.Start("circle").Attr("class", "point").Attr("cx", px[i]).Attr("cy", py[i]).Attr("r", 4)
                    .Attr("fill", style.Color).Attr("fill-opacity", "0").EndOpen();
                w.Title(tip).Close("circle");
            }

            w.Close("g");
        }

        w.Close("g");
    }

    /// <summary>
    /// Up to <paramref name="count"/> of the kept points, spread evenly by length along the drawn line (first and
    /// last included), as indices into the mapped points.
    /// </summary>
    public static int[] TooltipPoints(int[] keep, List<double> px, List<double> py, int count)
    {
        if (count == 0 || keep.Length == 0)
        {
            return [];
        }

        if (keep.Length <= count)
        {
            return keep;
        }

        var cumulative = new double[keep.Length];
        for (int k = 1; k < keep.Length; k++)
        {
            double dx = px[keep[k]] - px[keep[k - 1]], dy = py[keep[k]] - py[keep[k - 1]];
            cumulative[k] = cumulative[k - 1] + Math.Sqrt((dx * dx) + (dy * dy));
        }

        double total = cumulative[^1];
        var chosen = new List<int>(count);
        int cursor = 0;
        for (int m = 0; m < count; m++)
        {
            double target = count == 1 ? 0 : total * m / (count - 1);
            while (cursor < keep.Length - 1 && cumulative[cursor] < target)
            {
                cursor++;
            }

            if (chosen.Count == 0 || chosen[^1] != keep[cursor])
            {
                chosen.Add(keep[cursor]);
            }
        }

        if (chosen[^1] != keep[^1])
        {
            chosen.Add(keep[^1]);
        }

        return [.. chosen];
    }

    /// <summary>Draws the legend column at (<paramref name="x"/>, <paramref name="y"/>); long texts are cut, the full text in a tooltip.</summary>
    public static void DrawLegend(SvgWriter w, double x, double y, double width, IReadOnlyList<LegendEntry> entries)
    {
        int maxChars = Math.Max(4, (int)((width - 34) / (LegendFont * Markup.CharWidth)));
        w.Group("legend").Attr("font-size", "11").EndOpen();
        w.Content("\n");
        for (int i = 0; i < entries.Count; i++)
        {
            LegendEntry e = entries[i];
            double cy = y + 10 + (i * LegendLine);
            w.Group("legend-item").EndOpen();
            w.Title(e.Text);
            switch (e.Glyph)
            {
                case LegendGlyph.Box:
                    w.Start("rect").Attr("x", x).Attr("y", cy - 6).Attr("width", 24).Attr("height", 12).Attr("fill", e.Style.Color)
                        .Attr("fill-opacity", "0.35").Attr("stroke", e.Style.Color).Attr("stroke-width", 1).EndEmpty();
                    break;
                default:
                    w.Line(x, cy, x + 24, cy, e.Style.Color, e.Style.Width, e.Style.Dash);
                    if (e.Glyph == LegendGlyph.LineAndMarker)
                    {
                        w.Start("circle").Attr("cx", x + 12).Attr("cy", cy).Attr("r", 3.5).Attr("fill", e.Style.Color).EndEmpty();
                    }

                    break;
            }

            w.Text(x + 30, cy + 4, Markup.Truncate(e.Text, maxChars), "start", "legend-text");
            w.Close("g");
        }

        w.Close("g");
    }

    /// <summary>A reference line through data points (a, b) and (c, d) with a tooltip.</summary>
    public static void ReferenceLine(SvgWriter w, PlotArea p, double x1, double y1, double x2, double y2, string title, string? dash = "5 4", string color = ReferenceColor)
    {
        w.Start("line").Attr("class", "reference").Attr("x1", p.X(x1)).Attr("y1", p.Y(y1)).Attr("x2", p.X(x2)).Attr("y2", p.Y(y2))
            .Attr("stroke", color).Attr("stroke-width", 1.25).AttrIf("stroke-dasharray", dash).EndOpen();
        w.Title(title).Close("line");
    }
}
