using System.Globalization;
using System.Text;

namespace Verdict.Charts;

/// <summary>
/// Text that goes into SVG or HTML: escaping, truncation and the fixed-decimal number format every chart uses.
/// </summary>
internal static class Markup
{
    /// <summary>Approximate advance width of one character, as a fraction of the font size (sans-serif average).</summary>
    public const double CharWidth = 0.6;

    /// <summary>
    /// Escapes <paramref name="text"/> for XML text and attribute values: &amp;, &lt;, &gt;, quotes and
    /// apostrophes become entities; characters XML cannot hold (controls other than tab, newline and carriage
    /// return, lone surrogates, U+FFFE and U+FFFF) become U+FFFD.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        AppendEscaped(sb, text);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped (see <see cref="Escape"/>).</summary>
    public static void AppendEscaped(StringBuilder sb, string? text)
    {
        if (text is null)
        {
            return;
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                default:
                    if (c < 0x20 || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else if (char.IsHighSurrogate(c))
                    {
                        if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        {
                            sb.Append(c).Append(text[i + 1]);
                            i++;
                        }
                        else
                        {
                            sb.Append('\uFFFD');
                        }
                    }
                    else if (char.IsLowSurrogate(c))
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxChars"/> characters (code points), ending in "…" when
    /// cut; a surrogate pair is never split.
    /// </summary>
    public static string Truncate(string text, int maxChars)
    {
        if (CodePoints(text) <= maxChars)
        {
            return text;
        }

        int keep = Math.Max(1, maxChars - 1), n = 0, i = 0;
        while (i < text.Length && n < keep)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            n++;
        }

        return string.Concat(text.AsSpan(0, i), "…");
    }

    /// <summary>Estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double TextWidth(string text, double fontSize) => CodePoints(text) * fontSize * CharWidth;

    /// <summary>Number of code points in <paramref name="text"/>.</summary>
    public static int CodePoints(string text)
    {
        int n = 0;
        foreach (char c in text)
        {
            if (!char.IsLowSurrogate(c))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>A pixel coordinate: always two decimals, invariant culture, never "-0.00".</summary>
    public static string Px(double value)
    {
        string s = value.ToString("F2", CultureInfo.InvariantCulture);
        return s == "-0.00" ? "0.00" : s;
    }

    /// <summary>
    /// A reported value with <paramref name="digits"/> decimals, exactly as the text reports print it (Python's
    /// half-to-even rounding of the binary value); "n/a" for NaN.
    /// </summary>
    public static string Value(double value, int digits) =>
        double.IsNaN(value) ? "n/a" : Internal.PyFormat.Fixed(value, digits);

    /// <summary>A count or weight sum: an integer when whole, otherwise up to four decimals.</summary>
    public static string Count(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);
}
