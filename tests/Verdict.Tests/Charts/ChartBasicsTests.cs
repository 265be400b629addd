using Verdict.Charts;

namespace Verdict.Tests.Charts;

public sealed class ChartBasicsTests
{
    [Fact]
    public void Escape_MarkupCharacters_BecomeEntities()
    {
        Assert.Equal("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Markup.Escape("a<b> & \"c\" 'd'"));
    }

    [Fact]
    public void Escape_CharactersXmlCannotHold_BecomeReplacementCharacter()
    {
        Assert.Equal("a\uFFFDb\uFFFDc\tok😀", Markup.Escape("a\u0001b\uD800c\tok😀"));
    }

    [Fact]
    public void Truncate_LongText_CutsWithEllipsisWithoutSplittingSurrogates()
    {
        Assert.Equal("abc…", Markup.Truncate("abcdefgh", 4));
        Assert.Equal("short", Markup.Truncate("short", 5));
        Assert.Equal("😀😀😀…", Markup.Truncate("😀😀😀😀😀", 4));
    }

    [Fact]
    public void Px_NegativeZeroAndRounding_FixedTwoDecimals()
    {
        Assert.Equal("0.00", Markup.Px(-0.001));
        Assert.Equal("12.35", Markup.Px(12.345678));
        Assert.Equal("-3.50", Markup.Px(-3.5));
    }

    [Fact]
    public void Value_HalfwayCase_RoundsLikeTheTextReport()
    {
        Assert.Equal("0.12", Markup.Value(0.125, 2));
        Assert.Equal("n/a", Markup.Value(double.NaN, 4));
    }

    [Fact]
    public void Unit_Axis_TicksEveryFifthWithOneDecimal()
    {
        Axis a = Axis.Unit("x");
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], a.Ticks.Select(t => t.Label));
        Assert.Equal(0, a.Min);
        Assert.Equal(1, a.Max);
    }

    [Theory]
    [InlineData(0.0003, 0.9998, 0, 1, 0.2)]
    [InlineData(-3.7, 12.2, -5, 15, 5)]
    [InlineData(0, 987, 0, 1000, 200)]
    [InlineData(2, 2, 1, 3, 0.5)]
    public void NiceRange_Values_RoundStepAndCoveringRange(double min, double max, double niceMin, double niceMax, double step)
    {
        (double lo, double hi, double s) = Axis.NiceRange(min, max);
        Assert.Equal(niceMin, lo, 12);
        Assert.Equal(niceMax, hi, 12);
        Assert.Equal(step, s, 12);
    }

    [Fact]
    public void Nice_CountAxis_IntegerLabels()
    {
        Assert.Equal(["0", "200", "400", "600", "800", "1000"], Axis.Nice(0, 987, "rows").Ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.9995, 3.2905267314919255)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(1e-300, -37.0470962993612)]
    public void Quantile_KnownPoints_MatchPythonNormalDistInvCdf(double p, double expected)
    {
        Assert.Equal(expected, NormalDeviates.Quantile(p), 1e-12);
        if (p >= 1e-3)
        {
            Assert.Equal(-expected, NormalDeviates.Quantile(1 - p), 1e-12);
        }
    }

    [Fact]
    public void Quantile_Ends_AreInfinite()
    {
        Assert.Equal(double.NegativeInfinity, NormalDeviates.Quantile(0));
        Assert.Equal(double.PositiveInfinity, NormalDeviates.Quantile(1));
        Assert.True(double.IsNaN(NormalDeviates.Quantile(1.5)));
    }

    [Fact]
    public void Sequential_Ends_AreTheBluesStops()
    {
        Assert.Equal("#f7fbff", Palette.Sequential(0));
        Assert.Equal("#08306b", Palette.Sequential(1));
        Assert.Equal("#f7fbff", Palette.Sequential(double.NaN));
    }

    [Fact]
    public void Sequential_IncreasingValue_DarkerColour()
    {
        double previous = double.PositiveInfinity;
        for (int i = 0; i <= 100; i++)
        {
            string c = Palette.Sequential(i / 100.0);
            double l = Palette.RelativeLuminance(Convert.ToInt32(c[1..3], 16), Convert.ToInt32(c[3..5], 16), Convert.ToInt32(c[5..7], 16));
            Assert.True(l <= previous, $"luminance rises at {i}");
            previous = l;
        }
    }

    [Theory]
    [InlineData("#08306b", "#ffffff")]
    [InlineData("#f7fbff", "#000000")]
    [InlineData("#6baed6", "#000000")]
    [InlineData("#2171b5", "#ffffff")]
    public void TextOn_Fill_ColourOfHigherContrast(string fill, string expected)
    {
        Assert.Equal(expected, Palette.TextOn(fill));
    }

    [Fact]
    public void SeriesColor_EighthSeries_RepeatsColourWithDash()
    {
        Assert.Equal("#0072B2", Palette.SeriesColor(0));
        Assert.Null(Palette.SeriesDash(0));
        Assert.Equal(Palette.SeriesColor(0), Palette.SeriesColor(7));
        Assert.NotNull(Palette.SeriesDash(7));
    }

    [Fact]
    public void Resolve_BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartOptions.Resolve(new ChartOptions { MaxPointsPerSeries = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartOptions.Resolve(new ChartOptions { Width = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartOptions.Resolve(new ChartOptions { Digits = 11 }));
    }

    [Fact]
    public void CurveSeries_MismatchedLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => new CurveSeries("s", [0.0, 1.0], [0.0]));
        Assert.Throws<ArgumentException>(() => new CurveSeries("s", [0.0, 1.0], [0.0, 1.0]) { Thresholds = [1.0] });
    }
}
