using System.Globalization;
using System.Xml.Linq;
using Verdict.Charts;
using Verdict.Counts;

namespace Verdict.Tests.Charts;

public sealed class ConfusionHeatmapTests
{
    private static (string[] Labels, double[][] Cells) Fifty()
    {
        string[] labels = Enumerable.Range(0, 50).Select(i => $"category <{i}> & \"a rather long name\" number {i}").ToArray();
        var rng = new Random(11);
        var cells = new double[50][];
        for (int i = 0; i < 50; i++)
        {
            cells[i] = new double[50];
            for (int j = 0; j < 50; j++)
            {
                cells[i][j] = i == j ? rng.Next(50, 200) : rng.Next(10) == 0 ? rng.Next(1, 20) : 0;
            }
        }

        return (labels, cells);
    }

    [Fact]
    public void Render_FiftyLongLabels_AllCellsWithTooltipsAndFullNames()
    {
        (string[] labels, double[][] cells) = Fifty();
        XElement svg = Svg.Parse(ConfusionHeatmap.Render(labels, cells));

        List<XElement> cellGroups = Svg.ByClass(svg, "cell").ToList();
        Assert.Equal(2500, cellGroups.Count);
        Assert.StartsWith($"actual: {labels[3]}\npredicted: {labels[7]}\ncount: {cells[3][7].ToString(CultureInfo.InvariantCulture)}\n", Svg.Title(cellGroups[(3 * 50) + 7]), StringComparison.Ordinal);

        List<XElement> rows = Svg.ByClass(svg, "row-label").ToList();
        List<XElement> columns = Svg.ByClass(svg, "column-label").ToList();
        Assert.Equal(50, rows.Count);
        Assert.Equal(50, columns.Count);
        for (int i = 0; i < 50; i++)
        {
            string shown = string.Concat(rows[i].Nodes().OfType<XText>().Select(t => t.Value));
            Assert.Equal(18, shown.Length);
            Assert.EndsWith("…", shown, StringComparison.Ordinal);
            Assert.StartsWith(shown[..^1], labels[i], StringComparison.Ordinal);
            Assert.Equal(labels[i], Svg.Title(rows[i]));
            Assert.Equal(labels[i], Svg.Title(columns[i]));
        }

        // Long labels on 14-pixel columns are turned upright.
        Assert.All(columns, c => Assert.StartsWith("rotate(-90 ", (string)c.Attribute("transform")!, StringComparison.Ordinal));

        // Cells too small to read carry no text; the tooltip has the value.
        Assert.Empty(Svg.ByClass(svg, "cell-text"));
    }

    [Fact]
    public void Render_DigitsCounts_TextColourContrastsWithFill()
    {
        (string[] header, List<string[]> rowsCsv) = Verdict.Tests.Curves.SampleData.ReadCsv("digits.csv");
        int y = Array.IndexOf(header, "y_true"), p = Array.IndexOf(header, "y_pred");
        ConfusionMatrix m = ConfusionMatrix.Compute(
            rowsCsv.Select(r => int.Parse(r[y], CultureInfo.InvariantCulture)).ToArray(),
            rowsCsv.Select(r => int.Parse(r[p], CultureInfo.InvariantCulture)).ToArray(), 10);
        XElement svg = Svg.Parse(ConfusionHeatmap.Render(m, Svg.DigitNames));

        List<XElement> cells = Svg.ByClass(svg, "cell").ToList();
        Assert.Equal(100, cells.Count);
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                XElement cell = cells[(i * 10) + j];
                string fill = (string)cell.Element(Svg.Ns + "rect")!.Attribute("fill")!;
                XElement text = cell.Element(Svg.Ns + "text")!;
                Assert.Equal(((long)m[i, j]).ToString(CultureInfo.InvariantCulture), text.Value);
                Assert.Equal(Palette.TextOn(fill), (string)text.Attribute("fill")!);
            }
        }

        // The largest count is the darkest cell, with white text.
        XElement darkest = cells.OrderByDescending(c => double.Parse(c.Element(Svg.Ns + "text")!.Value, CultureInfo.InvariantCulture)).First();
        Assert.Equal("#08306b", (string)darkest.Element(Svg.Ns + "rect")!.Attribute("fill")!);
        Assert.Equal("#ffffff", (string)darkest.Element(Svg.Ns + "text")!.Attribute("fill")!);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], Svg.Texts(svg, "column-label"));
        Assert.All(Svg.ByClass(svg, "column-label"), c => Assert.Null(c.Attribute("transform")));
    }

    [Fact]
    public void Render_RowNormalised_RowsSumToOneAndZeroRowsStayZero()
    {
        double[][] cells = [[8, 2, 0], [0, 0, 0], [1, 1, 2]];
        XElement svg = Svg.Parse(ConfusionHeatmap.Render(["a", "b", "c"], cells, ConfusionNormalization.True));
        List<string> texts = Svg.ByClass(svg, "cell").Select(c => c.Element(Svg.Ns + "text")!.Value).ToList();
        Assert.Equal(["0.80", "0.20", "0.00", "0.00", "0.00", "0.00", "0.25", "0.25", "0.50"], texts);
        Assert.Equal("Confusion matrix (normalised over actual rows)", Svg.Texts(svg, "chart-title").Single());
        Assert.Contains("1.00", Svg.Texts(svg, "tick"));
    }

    [Fact]
    public void Render_EqualInputs_ByteIdentical()
    {
        (string[] labels, double[][] cells) = Fifty();
        Assert.Equal(ConfusionHeatmap.Render(labels, cells), ConfusionHeatmap.Render(labels, cells));
    }

    [Fact]
    public void Render_NotSquareOrNegative_Throws()
    {
        Assert.Throws<ArgumentException>(() => ConfusionHeatmap.Render(["a", "b"], [[1.0, 2.0]]));
        Assert.Throws<ArgumentException>(() => ConfusionHeatmap.Render(["a", "b"], [[1.0, 2.0], [3.0]]));
        Assert.Throws<ArgumentException>(() => ConfusionHeatmap.Render(["a", "b"], [[1.0, -2.0], [3.0, 4.0]]));
    }

    [Fact]
    public void Render_MediumLabels_Rotated45()
    {
        string[] labels = ["alpha-bravo-charlie", "delta-echo", "foxtrot-golf", "hotel-india"];
        XElement svg = Svg.Parse(ConfusionHeatmap.Render(labels, [[1.0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]));
        Assert.All(Svg.ByClass(svg, "column-label"), c => Assert.StartsWith("rotate(-45 ", (string)c.Attribute("transform")!, StringComparison.Ordinal));
    }
}
