using System.Globalization;
using System.Xml.Linq;
using Verdict.Charts;
using Verdict.Curves;
using Verdict.Scores;
using Verdict.Tests.Curves;
using Verdict.Thresholds;

namespace Verdict.Tests.Charts;

public sealed class CurveChartTests
{
    private static SampleData.Digits Digits => SampleData.DigitsSet;

    [Fact]
    public void RocChart_DigitsOneVsRest_TwelveSeriesWithLibraryAucsInLegend()
    {
        IReadOnlyList<CurveSeries> series = ChartSeries.RocOneVsRest(Digits.Labels, Digits.Probabilities, Svg.DigitNames);
        XElement svg = Svg.Parse(RocChart.Render(series));

        Assert.Equal(12, Svg.ByClass(svg, "series").Count());
        Assert.Equal(12, Svg.ByClass(svg, "line").Count(e => e.Name == Svg.Ns + "path"));
        IReadOnlyList<string> legend = Svg.Texts(svg, "legend-text");
        Assert.Equal(13, legend.Count);
        double[] perClass = MulticlassAuc.OneVsRestPerClass(Digits.Labels, Digits.Probabilities, 10);
        for (int k = 0; k < 10; k++)
        {
            Assert.Equal($"{k} (AUC {Markup.Value(perClass[k], 4)})", legend[k]);
        }

        Assert.Equal($"micro-average (AUC {Markup.Value(MulticlassAuc.OneVsRest(Digits.Labels, Digits.Probabilities, 10, Average.Micro), 4)})", legend[10]);
        Assert.Equal($"macro-average (AUC {Markup.Value(MulticlassAuc.OneVsRest(Digits.Labels, Digits.Probabilities, 10, Average.Macro), 4)})", legend[11]);
        Assert.Equal("Chance (AUC 0.5)", legend[12]);
        Assert.Single(Svg.ByClass(svg, "reference"));
        Assert.Equal("ROC curve", Svg.Texts(svg, "chart-title").Single());
    }

    [Fact]
    public void RocChart_Axes_RangeLabelsZeroToOne()
    {
        XElement svg = Svg.Parse(RocChart.Render([ChartSeries.Roc("fraud", Svg.FraudCurve)]));
        List<string> x = Svg.ByClass(svg, "x-axis").Single().Elements(Svg.Ns + "text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        List<string> y = Svg.ByClass(svg, "y-axis").Single().Elements(Svg.Ns + "text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], x);
        Assert.Equal(x, y);
        Assert.Equal(["False positive rate", "True positive rate"], Svg.Texts(svg, "axis-title"));
    }

    [Fact]
    public void RocChart_FraudFullCurve_ThinnedToBudgetFromCornerToCorner()
    {
        CurveSeries full = ChartSeries.Roc("fraud", Svg.FraudCurve, dropIntermediate: false);
        Assert.True(full.Count > 100_000);
        XElement svg = Svg.Parse(RocChart.Render([full], new ChartOptions { MaxPointsPerSeries = 1500 }));
        XElement path = Svg.ByClass(svg, "line").Single();
        List<(double X, double Y)> points = Svg.PathPoints(path);
        Assert.InRange(points.Count, 2, 1500);
        XElement frame = Svg.ByClass(svg, "frame").Single();
        double left = (double)frame.Attribute("x")!, top = (double)frame.Attribute("y")!;
        double right = left + (double)frame.Attribute("width")!, bottom = top + (double)frame.Attribute("height")!;
        Assert.Equal((left, bottom), points[0]);
        Assert.Equal((right, top), points[^1]);

        // The legend keeps the exact AUC of the full curve.
        Assert.Contains($"(AUC {Markup.Value(Svg.FraudCurve.RocAuc(), 4)})", Svg.Texts(svg, "legend-text")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void RocChart_Tooltips_CappedAndCarryThresholds()
    {
        XElement svg = Svg.Parse(RocChart.Render([ChartSeries.Roc("fraud", Svg.FraudCurve)], new ChartOptions { TooltipsPerSeries = 25 }));
        List<XElement> points = Svg.ByClass(svg, "point").ToList();
        Assert.InRange(points.Count, 2, 26);
        Assert.All(points, p => Assert.StartsWith("fraud\nFPR ", Svg.Title(p), StringComparison.Ordinal));
        Assert.Contains(points, p => Svg.Title(p).Contains("threshold +∞", StringComparison.Ordinal));
    }

    [Fact]
    public void RocChart_EqualInputs_ByteIdenticalOutput()
    {
        string a = RocChart.Render(ChartSeries.RocOneVsRest(Digits.Labels, Digits.Probabilities, Svg.DigitNames));
        string b = RocChart.Render(ChartSeries.RocOneVsRest(Digits.Labels, Digits.Probabilities, Svg.DigitNames));
        Assert.Equal(a, b);
    }

    [Fact]
    public void RocChart_NamesWithMarkup_EscapedAndRoundTrip()
    {
        const string name = "a<b & \"c\" 'd'";
        string svgText = RocChart.Render([new CurveSeries(name, [0.0, 0.5, 1.0], [0.0, 0.8, 1.0]) { Score = 0.65 }],
            new ChartOptions { Title = "<script>alert(1)</script>" });
        Assert.DoesNotContain("<script>", svgText, StringComparison.Ordinal);
        XElement svg = Svg.Parse(svgText);
        Assert.Equal(name + " (AUC 0.6500)", Svg.Texts(svg, "legend-text")[0]);
        Assert.Equal("<script>alert(1)</script>", Svg.Texts(svg, "chart-title").Single());
        Assert.Equal(name, Svg.Title(Svg.ByClass(svg, "series").Single()));
    }

    [Fact]
    public void RocPerLabel_MacroAverageCurve_AreaEqualsMeanAuc()
    {
        IReadOnlyList<CurveSeries> series = ChartSeries.RocOneVsRest(Digits.Labels, Digits.Probabilities, Svg.DigitNames);
        CurveSeries macro = series.Single(s => s.Name == "macro-average");
        Assert.Equal(SeriesRole.Average, macro.Role);
        double area = 0;
        for (int i = 1; i < macro.Count; i++)
        {
            area += (macro.X[i] - macro.X[i - 1]) * (macro.Y[i] + macro.Y[i - 1]) / 2;
        }

        Assert.Equal(macro.Score!.Value, area, 1e-12);
        Assert.Equal(0.0, macro.X[0]);
        Assert.Equal(1.0, macro.X[^1]);
        Assert.Equal(1.0, macro.Y[^1], 1e-15);
    }

    [Fact]
    public void PrecisionRecallChart_Fraud_IsoF1BaselineAndAp()
    {
        BinaryCurve curve = Svg.FraudCurve;
        CurveSeries s = ChartSeries.PrecisionRecall("fraud", curve);
        double prevalence = curve.Positives / (curve.Positives + curve.Negatives);
        Assert.Equal(prevalence, s.Baseline);
        XElement svg = Svg.Parse(PrecisionRecallChart.Render([s]));

        Assert.Equal(4, Svg.ByClass(svg, "contour").Count());
        Assert.Equal(["F1=0.2", "F1=0.4", "F1=0.6", "F1=0.8"], Svg.Texts(svg, "contour-label"));
        XElement baseline = Svg.ByClass(svg, "baselines").Single().Elements().Single();
        Assert.Equal((string)baseline.Attribute("y1")!, (string)baseline.Attribute("y2")!);
        IReadOnlyList<string> legend = Svg.Texts(svg, "legend-text");
        Assert.Equal($"fraud (AP {Markup.Value(curve.AveragePrecision(), 4)})", legend[0]);
        Assert.Equal($"Chance (prevalence {Markup.Value(prevalence, 4)})", legend[1]);

        // Post-step line: each point after the first adds a horizontal then a vertical move.
        List<(double X, double Y)> points = Svg.PathPoints(Svg.ByClass(svg, "line").Single());
        for (int i = 1; i + 1 < points.Count; i += 2)
        {
            Assert.Equal(points[i - 1].Y, points[i].Y);
            Assert.Equal(points[i].X, points[i + 1].X);
        }
    }

    [Fact]
    public void PrecisionRecallChart_DigitsPerClass_ElevenSeriesAndMicroAp()
    {
        IReadOnlyList<CurveSeries> series = ChartSeries.PrecisionRecallOneVsRest(Digits.Labels, Digits.Probabilities, Svg.DigitNames);
        Assert.Equal(11, series.Count);
        Assert.Equal(MulticlassAuc.AveragePrecision(Digits.Labels, Digits.Probabilities, 10, Average.Micro), series[10].Score!.Value, 1e-12);
        double[] perClass = MulticlassAuc.AveragePrecisionPerClass(Digits.Labels, Digits.Probabilities, 10);
        for (int k = 0; k < 10; k++)
        {
            Assert.Equal(perClass[k], series[k].Score!.Value, 1e-12);
        }

        XElement svg = Svg.Parse(PrecisionRecallChart.Render(series));
        Assert.Equal(11, Svg.ByClass(svg, "series").Count());
        Assert.Equal("Chance (prevalence, dotted)", Svg.Texts(svg, "legend-text")[11]);
    }

    [Fact]
    public void DetChart_NormalDeviate_PercentTicksAndEer()
    {
        CurveSeries det = ChartSeries.Det("fraud", Svg.FraudCurve);
        XElement svg = Svg.Parse(DetChart.Render([det]));
        List<string> ticks = Svg.ByClass(svg, "x-axis").Single().Elements(Svg.Ns + "text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        Assert.Equal(["0.1%", "1%", "5%", "20%", "50%", "80%", "95%", "99%", "99.9%"], ticks);
        double eer = OperatingPoints.InterpolatedEqualErrorRate(Svg.FraudCurve);
        Assert.Equal($"fraud (EER {Markup.Value(eer, 4)})", Svg.Texts(svg, "legend-text")[0]);

        // 50% sits in the middle of the probit axis.
        XElement frame = Svg.ByClass(svg, "frame").Single();
        double left = (double)frame.Attribute("x")!, width = (double)frame.Attribute("width")!;
        XElement mid = Svg.ByClass(svg, "x-axis").Single().Elements(Svg.Ns + "text").Single(t => t.Value == "50%");
        Assert.Equal(left + (width / 2), (double)mid.Attribute("x")!, 0.01);

        // Every drawn point stays inside the plot, rates of 0 included.
        XElement path = Svg.ByClass(svg, "line").Single();
        Assert.All(Svg.PathPoints(path), p => Assert.InRange(p.X, left - 0.01, left + width + 0.01));
    }

    [Fact]
    public void DetChart_LinearScale_UnitTicks()
    {
        XElement svg = Svg.Parse(DetChart.Render([ChartSeries.Det("fraud", Svg.FraudCurve)], new ChartOptions { DetScale = DetScale.Linear }));
        List<string> ticks = Svg.ByClass(svg, "y-axis").Single().Elements(Svg.Ns + "text").Where(t => (string?)t.Attribute("class") == "tick").Select(t => t.Value).ToList();
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks);
    }

    [Fact]
    public void ThresholdChart_FraudBestF1_ThreeSeriesAndMarkerAtThreshold()
    {
        BinaryCurve curve = Svg.FraudCurve;
        OperatingPoint best = ThresholdSelection.MaxFBeta(curve)!.Value;
        IReadOnlyList<CurveSeries> series = ChartSeries.Thresholds(curve);
        Assert.Equal(["precision", "recall", "F1"], series.Select(s => s.Name));
        XElement svg = Svg.Parse(ThresholdChart.Render(series, ThresholdMarker.From(best, "max F1")));

        Assert.Equal(3, Svg.ByClass(svg, "series").Count());
        Assert.All(Svg.ByClass(svg, "line").Where(e => e.Name == Svg.Ns + "path"), p => Assert.InRange(Svg.PathPoints(p).Count, 2, 2000));
        XElement marker = Svg.ByClass(svg, "marker").Single();
        string label = Svg.Texts(svg, "marker-label").Single();
        Assert.Equal($"threshold {Markup.Value(best.Threshold, 4)}: max F1 {Markup.Value(best.Value, 4)}", label);

        // The marker line sits where the threshold maps on the x axis (ticks 0.0 .. 1.0 for probabilities).
        XElement frame = Svg.ByClass(svg, "frame").Single();
        double left = (double)frame.Attribute("x")!, width = (double)frame.Attribute("width")!;
        double x = (double)marker.Element(Svg.Ns + "line")!.Attribute("x1")!;
        Assert.Equal(left + (best.Threshold * width), x, 0.01);
    }

    [Fact]
    public void ThresholdChart_InfiniteMarker_NotDrawn()
    {
        IReadOnlyList<CurveSeries> series = ChartSeries.Thresholds(BinaryCurve.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));
        XElement svg = Svg.Parse(ThresholdChart.Render(series, new ThresholdMarker(double.PositiveInfinity, "none")));
        Assert.Empty(Svg.ByClass(svg, "marker"));
    }

    [Fact]
    public void ReliabilityChart_Fraud_BinsMarkersHistogramAndEce()
    {
        SampleData.Fraud fraud = SampleData.FraudSet;
        CalibrationSeries s = CalibrationSeries.Binary("fraud", fraud.Scores, fraud.Positives);
        XElement svg = Svg.Parse(ReliabilityChart.Render([s]));
        int bins = s.Curve.Counts.Count;
        Assert.Equal(bins, Svg.ByClass(svg, "point").Count());
        Assert.Equal(bins, Svg.ByClass(svg, "bar").Count());
        Assert.Single(Svg.ByClass(svg, "reference"));
        Assert.Equal($"fraud (ECE {Markup.Value(s.ExpectedCalibrationError!.Value, 4)})", Svg.Texts(svg, "legend-text")[1]);
        Assert.Contains(Svg.ByClass(svg, "bar"), b => Svg.Title(b).Contains("[0.0000, 0.1000]: ", StringComparison.Ordinal));
    }

    [Fact]
    public void ReliabilityChart_DigitsTopLabel_EceMatchesLibrary()
    {
        CalibrationSeries s = CalibrationSeries.TopLabel("top label", Digits.Labels, Digits.Probabilities, 10);
        Assert.Equal(Verdict.Probabilistic.CalibrationError.TopLabel(Digits.Labels, Digits.Probabilities, 10).Expected, s.ExpectedCalibrationError);
        Assert.Equal(Digits.Labels.Length, s.Curve.Counts.Sum());
        Svg.Parse(ReliabilityChart.Render([s]));
    }

    [Fact]
    public void Charts_NonFinitePoints_SkippedNotDrawn()
    {
        var s = new CurveSeries("gaps", [0.0, double.NaN, 0.5, 1.0], [0.0, 0.3, double.PositiveInfinity, 1.0]);
        XElement svg = Svg.Parse(RocChart.Render([s]));
        Assert.Equal(2, Svg.PathPoints(Svg.ByClass(svg, "line").Single()).Count);
        Assert.Equal("gaps", Svg.Texts(svg, "legend-text")[0]);
    }

    [Fact]
    public void Charts_AllFormats_UseInvariantNumbers()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NegativeSign = "~";
            CultureInfo.CurrentCulture = comma;
            string svg = RocChart.Render([ChartSeries.Roc("fraud", Svg.FraudCurve)]);
            Assert.Equal(RocChartInvariant(), svg);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static string RocChartInvariant()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            return RocChart.Render([ChartSeries.Roc("fraud", Svg.FraudCurve)]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
