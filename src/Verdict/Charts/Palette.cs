using System.Globalization;

namespace Verdict.Charts;

/// <summary>
/// The colours every chart uses: the Okabe–Ito palette for series (distinguishable with the common colour-vision
/// deficiencies), a single-hue sequential blue scale for heatmaps (lightness falls monotonically, so it reads in
/// grey scale too), and the text colour of best contrast on a fill.
/// </summary>
public static class Palette
{
    private static readonly string[] Series = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#F0E442"];

    private static readonly string[] Dashes = [string.Empty, "7 3", "2 2", "9 3 2 3"];

    // ColorBrewer "Blues", 9 classes, light to dark.
    private static readonly (int R, int G, int B)[] Blues =
    [
        (0xF7, 0xFB, 0xFF), (0xDE, 0xEB, 0xF7), (0xC6, 0xDB, 0xEF), (0x9E, 0xCA, 0xE1), (0x6B, 0xAE, 0xD6),
        (0x42, 0x92, 0xC6), (0x21, 0x71, 0xB5), (0x08, 0x51, 0x9C), (0x08, 0x30, 0x6B),
    ];

    /// <summary>
    /// The seven Okabe–Ito colours used for series, in order: blue, vermillion, bluish green, reddish purple, sky
    /// blue, orange, yellow (black is kept for averages and reference lines).
    /// </summary>
    public static IReadOnlyList<string> SeriesColors => Series;

    /// <summary>
    /// The colour of series <paramref name="index"/>: the seven colours in turn. Series 7 and on reuse them with
    /// the dash pattern of <see cref="SeriesDash"/>, so up to 28 series differ by colour or dash.
    /// </summary>
    public static string SeriesColor(int index) => Series[((index % Series.Length) + Series.Length) % Series.Length];

    /// <summary>The dash pattern of series <paramref name="index"/>: none for the first seven, then dashed, dotted, dash-dot.</summary>
    public static string? SeriesDash(int index)
    {
        string dash = Dashes[Math.Abs(index / Series.Length) % Dashes.Length];
        return dash.Length == 0 ? null : dash;
    }

    /// <summary>
    /// The sequential heatmap colour of <paramref name="t"/> in [0, 1] (clamped; NaN is 0): linear interpolation in
    /// sRGB between the nine ColorBrewer "Blues" stops, from near-white to dark blue, as "#rrggbb".
    /// </summary>
    /// <example><c>Palette.Sequential(0)</c> is "#f7fbff"; <c>Palette.Sequential(1)</c> is "#08306b".</example>
    public static string Sequential(double t)
    {
        (int r, int g, int b) = SequentialRgb(t);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }

    /// <summary>
    /// "#000000" or "#ffffff", whichever has the higher WCAG 2 contrast ratio against the fill colour
    /// "#rrggbb": (L₁ + 0.05) / (L₂ + 0.05) with L the relative luminance of the linearised sRGB channels.
    /// </summary>
    /// <example><c>Palette.TextOn("#08306b")</c> is "#ffffff"; <c>Palette.TextOn("#f7fbff")</c> is "#000000".</example>
    public static string TextOn(string fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (fill.Length != 7 || fill[0] != '#')
        {
            throw new ArgumentException($"'{fill}' is not a colour of the form #rrggbb.", nameof(fill));
        }

        int r = int.Parse(fill.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int g = int.Parse(fill.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int b = int.Parse(fill.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        double l = RelativeLuminance(r, g, b);
        double withBlack = (l + 0.05) / 0.05, withWhite = 1.05 / (l + 0.05);
        return withBlack >= withWhite ? "#000000" : "#ffffff";
    }

    /// <summary>WCAG 2 relative luminance of an sRGB colour (0 black, 1 white).</summary>
    public static double RelativeLuminance(int r, int g, int b) =>
        (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));

    private static double Linear(int channel)
    {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static (int R, int G, int B) SequentialRgb(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double pos = t * (Blues.Length - 1);
        int i = Math.Min((int)Math.Floor(pos), Blues.Length - 2);
        double f = pos - i;
        (int r0, int g0, int b0) = Blues[i];
        (int r1, int g1, int b1) = Blues[i + 1];
        return ((int)Math.Round(r0 + ((r1 - r0) * f)), (int)Math.Round(g0 + ((g1 - g0) * f)), (int)Math.Round(b0 + ((b1 - b0) * f)));
    }
}
