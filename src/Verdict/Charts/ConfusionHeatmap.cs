using System.Globalization;
using Verdict.Counts;

namespace Verdict.Charts;

/// <summary>
/// A confusion matrix heatmap: rows are actual classes, columns predicted (scikit-learn's convention). Cells show
/// counts (<see cref="ConfusionNormalization.None"/>) or shares normalised over actual rows
/// (<see cref="ConfusionNormalization.True"/>), predicted columns or the whole, in a sequential colour-blind-safe
/// blue scale, with each cell's text in black or white for contrast and a tooltip giving the full labels, the
/// count and its row and column shares. Sized for up to about 50 classes: cells share
/// <see cref="ChartOptions.Width"/> less 120 pixels (between 14 and 56 pixels each, so many classes widen the chart),
/// column labels turn 45° or 90° when they do not fit, labels longer than
/// <see cref="ChartOptions.MaxLabelLength"/> are cut with "…" (full names in tooltips), and cell texts too small
/// to read are left to the tooltips.
/// </summary>
/// <remarks>
/// Colours: counts are scaled by the largest cell (0 is white-blue, the largest dark blue); normalised values by
/// their own value in [0, 1]. A row (column) summing to 0 normalises to zeros, as scikit-learn does.
/// </remarks>
public static class ConfusionHeatmap
{
    /// <summary>Renders <paramref name="matrix"/> with <paramref name="labels"/> naming its classes in index order.</summary>
    public static string Render(ConfusionMatrix matrix, IReadOnlyList<string> labels,
                                ConfusionNormalization normalization = ConfusionNormalization.None, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Render(labels, matrix.ToArray(), normalization, options);
    }

    /// <summary>
    /// Renders the K×K <paramref name="cells"/> (rows actual, columns predicted; counts or weight sums) with
    /// <paramref name="labels"/> naming the K classes.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not K×K, or a cell is negative or not finite.</exception>
    public static string Render(IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<double>> cells,
                                ConfusionNormalization normalization = ConfusionNormalization.None, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(cells);
        ChartOptions o = ChartOptions.Resolve(options);
        int k = labels.Count;
        double[,] raw = Validate(labels, cells);
        var rowSums = new double[k];
        var colSums = new double[k];
        double total = 0, maxCell = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                rowSums[i] += raw[i, j];
                colSums[j] += raw[i, j];
                total += raw[i, j];
                maxCell = Math.Max(maxCell, raw[i, j]);
            }
        }

        string title = o.Title ?? normalization switch
        {
            ConfusionNormalization.True => "Confusion matrix (normalised over actual rows)",
            ConfusionNormalization.Pred => "Confusion matrix (normalised over predicted columns)",
            ConfusionNormalization.All => "Confusion matrix (normalised over all rows)",
            _ => "Confusion matrix (counts)",
        };

        double cell = Math.Clamp(Math.Floor((o.Width - 120.0) / Math.Max(1, k)), 14, 56);
        const double labelFont = 11;
        string[] shown = labels.Select(l => Markup.Truncate(l, o.MaxLabelLength)).ToArray();
        double labelWidth = shown.Length == 0 ? 0 : shown.Max(l => Markup.TextWidth(l, labelFont));
        int rotation = labelWidth <= cell - 4 ? 0 : cell >= 24 ? -45 : -90;
        double colLabelHeight = rotation switch
        {
            0 => 18,
            -45 => (labelWidth * 0.7072) + 16,
            _ => labelWidth + 12,
        };

        double matrixSize = k * cell;
        double left = 32 + labelWidth + 10;
        if (rotation == -45)
        {
            left = Math.Max(left, (labelWidth * 0.7072) + 12 - (cell / 2));
        }

        const double top = 48;
        double barX = left + matrixSize + 24, barHeight = Math.Max(matrixSize, 60);
        double width = Math.Max(barX + 14 + 60, Markup.TextWidth(title, 15) + 24);
        double height = top + Math.Max(matrixSize, barHeight) + 8 + colLabelHeight + 34;
        var w = new SvgWriter(width, height, title,
            "Confusion matrix heatmap: rows are actual classes, columns are predicted classes.", "confusion-heatmap");
        w.Text(width / 2, 24, title, "middle", "chart-title", 15, weight: "bold");

        w.Group("cells").EndOpen();
        w.Content("\n");
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double value = normalization switch
                {
                    ConfusionNormalization.True => Share(raw[i, j], rowSums[i]),
                    ConfusionNormalization.Pred => Share(raw[i, j], colSums[j]),
                    ConfusionNormalization.All => Share(raw[i, j], total),
                    _ => raw[i, j],
                };
                double shade = normalization == ConfusionNormalization.None ? Share(value, maxCell) : value;
                string fill = Palette.Sequential(shade);
                double x = left + (j * cell), y = top + (i * cell);
                w.Group("cell").EndOpen();
                w.Title($"actual: {labels[i]}\npredicted: {labels[j]}\ncount: {Markup.Count(raw[i, j])}\nshare of actual row: {Markup.Value(Share(raw[i, j], rowSums[i]), o.Digits)}\nshare of predicted column: {Markup.Value(Share(raw[i, j], colSums[j]), o.Digits)}");
                w.Start("rect").Attr("x", x).Attr("y", y).Attr("width", cell).Attr("height", cell).Attr("fill", fill);
                if (cell >= 20)
                {
                    w.Attr("stroke", "#ffffff").Attr("stroke-width", 1);
                }

                w.EndEmpty();
                string text = normalization == ConfusionNormalization.None ? Markup.Count(value) : Markup.Value(value, 2);
                double font = Math.Min(Math.Min(13, cell * 0.4), (cell - 4) / (Markup.CodePoints(text) * Markup.CharWidth));
                if (font >= 7)
                {
                    w.Text(x + (cell / 2), y + (cell / 2) + (font * 0.35), text, "middle", "cell-text", Math.Round(font, 1), fill: Palette.TextOn(fill));
                }

                w.Close("g");
            }
        }

        w.Close("g");

        w.Group("row-labels").Attr("font-size", "11").EndOpen();
        w.Content("\n");
        for (int i = 0; i < k; i++)
        {
            w.Text(left - 6, top + (i * cell) + (cell / 2) + 4, shown[i], "end", "row-label", title: labels[i]);
        }

        w.Close("g");
        w.Group("column-labels").Attr("font-size", "11").EndOpen();
        w.Content("\n");
        double labelY = top + matrixSize + 6;
        for (int j = 0; j < k; j++)
        {
            double cx = left + (j * cell) + (cell / 2);
            switch (rotation)
            {
                case 0:
                    w.Text(cx, labelY + 12, shown[j], "middle", "column-label", title: labels[j]);
                    break;
                case -45:
                    w.Text(cx + 3, labelY + 4, shown[j], "end", "column-label", title: labels[j],
                        transform: $"rotate(-45 {Markup.Px(cx + 3)} {Markup.Px(labelY + 4)})");
                    break;
                default:
                    w.Text(cx + 4, labelY, shown[j], "end", "column-label", title: labels[j],
                        transform: $"rotate(-90 {Markup.Px(cx + 4)} {Markup.Px(labelY)})");
                    break;
            }
        }

        w.Close("g");
        double ty = top + (matrixSize / 2);
        w.Text(left + (matrixSize / 2), labelY + colLabelHeight + 20, "Predicted label", "middle", "axis-title", 12);
        w.Text(16, ty, "Actual label", "middle", "axis-title", 12, transform: $"rotate(-90 16.00 {Markup.Px(ty)})");
        DrawColourBar(w, barX, top, barHeight, normalization == ConfusionNormalization.None ? maxCell : 1, normalization == ConfusionNormalization.None);
        return w.Finish();
    }

    private static double Share(double part, double whole) => whole > 0 ? part / whole : 0;

    private static double[,] Validate(IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<double>> cells)
    {
        int k = labels.Count;
        if (cells.Count != k)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The matrix has {cells.Count} rows but there are {k} labels; give a K×K matrix for K labels."),
                nameof(cells));
        }

        var raw = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            IReadOnlyList<double> row = cells[i] ?? throw new ArgumentException("A matrix row is null.", nameof(cells));
            if (row.Count != k)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Row {i + 1} of the matrix has {row.Count} cells but there are {k} labels."),
                    nameof(cells));
            }

            for (int j = 0; j < k; j++)
            {
                double v = row[j];
                if (!double.IsFinite(v) || v < 0)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Cell ({i + 1}, {j + 1}) is {v}; cells must be finite and >= 0."),
                        nameof(cells));
                }

                raw[i, j] = v;
            }
        }

        return raw;
    }

    private static void DrawColourBar(SvgWriter w, double x, double y, double height, double max, bool counts)
    {
        const int segments = 20;
        w.Group("colour-bar").Attr("font-size", "10").EndOpen();
        w.Content("\n");
        double h = height / segments;
        for (int s = 0; s < segments; s++)
        {
            double t = 1 - ((s + 0.5) / segments);
            w.Start("rect").Attr("x", x).Attr("y", y + (s * h)).Attr("width", 14).Attr("height", h + 0.5).Attr("fill", Palette.Sequential(t)).EndEmpty();
        }

        w.Start("rect").Attr("x", x).Attr("y", y).Attr("width", 14).Attr("height", height).Attr("fill", "none").Attr("stroke", ChartFrame.AxisColor).Attr("stroke-width", 0.75).EndEmpty();
        if (!(max > 0))
        {
            max = 1;
        }

        // Round ticks within [0, max] (counts) or every 0.25 (shares), placed where their colour is.
        IEnumerable<Tick> ticks = counts
            ? Axis.Nice(0, max, string.Empty, 5).Ticks.Where(t => t.Value <= max * (1 + 1e-9))
            : [new Tick(0, "0.00"), new Tick(0.25, "0.25"), new Tick(0.5, "0.50"), new Tick(0.75, "0.75"), new Tick(1, "1.00")];
        foreach (Tick t in ticks)
        {
            double ty = y + height - (t.Value / max * height);
            w.Line(x + 14, ty, x + 17, ty, ChartFrame.AxisColor, 0.75);
            w.Text(x + 19, ty + 3.5, t.Label, "start", "tick");
        }

        w.Close("g");
    }
}
