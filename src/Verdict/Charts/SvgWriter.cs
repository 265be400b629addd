using System.Text;

namespace Verdict.Charts;

/// <summary>
/// A minimal, deterministic SVG writer: every attribute value and text node is escaped, every number is written
/// with two decimals, one element per line.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();

    /// <summary>Opens the root element with its size, an accessible name and a <c>&lt;title&gt;</c>.</summary>
    public SvgWriter(double width, double height, string title, string? description, string chartClass)
    {
        Start("svg").Attr("xmlns", "http://www.w3.org/2000/svg")
            .Attr("class", "verdict-chart " + chartClass)
            .Attr("width", width).Attr("height", height)
            .Attr("viewBox", "0 0 " + Markup.Px(width) + " " + Markup.Px(height))
            .Attr("role", "img").Attr("aria-label", title)
            .Attr("font-family", "Helvetica, Arial, sans-serif").Attr("font-size", "12")
            .EndOpen();
        _sb.Append('\n');
        Title(title);
        if (!string.IsNullOrEmpty(description))
        {
            _sb.Append("<desc>");
            Markup.AppendEscaped(_sb, description);
            _sb.Append("</desc>\n");
        }

        Start("rect").Attr("class", "background").Attr("x", 0).Attr("y", 0).Attr("width", width).Attr("height", height)
            .Attr("fill", "#ffffff").EndEmpty();
    }

    /// <summary>Starts an element; add attributes, then <see cref="EndEmpty"/> or <see cref="EndOpen"/>.</summary>
    public SvgWriter Start(string tag)
    {
        _sb.Append('<').Append(tag);
        return this;
    }

    /// <summary>Adds an escaped attribute.</summary>
    public SvgWriter Attr(string name, string value)
    {
        _sb.Append(' ').Append(name).Append("=\"");
        Markup.AppendEscaped(_sb, value);
        _sb.Append('"');
        return this;
    }

    /// <summary>Adds a numeric attribute with two decimals.</summary>
    public SvgWriter Attr(string name, double value)
    {
        _sb.Append(' ').Append(name).Append("=\"").Append(Markup.Px(value)).Append('"');
        return this;
    }

    /// <summary>Adds the attribute only when <paramref name="value"/> is not null.</summary>
    public SvgWriter AttrIf(string name, string? value) => value is null ? this : Attr(name, value);

    /// <summary>Closes the start tag of an empty element.</summary>
    public void EndEmpty() => _sb.Append("/>\n");

    /// <summary>Closes the start tag of an element with content.</summary>
    public SvgWriter EndOpen()
    {
        _sb.Append('>');
        return this;
    }

    /// <summary>Writes an escaped text node.</summary>
    public SvgWriter Content(string text)
    {
        Markup.AppendEscaped(_sb, text);
        return this;
    }

    /// <summary>Writes a <c>&lt;title&gt;</c> (a tooltip for its parent element).</summary>
    public SvgWriter Title(string text)
    {
        _sb.Append("<title>");
        Markup.AppendEscaped(_sb, text);
        _sb.Append("</title>");
        return this;
    }

    /// <summary>Writes an end tag.</summary>
    public void Close(string tag) => _sb.Append("</").Append(tag).Append(">\n");

    /// <summary>Opens a group with a class and optional presentation attributes.</summary>
    public SvgWriter Group(string cssClass)
    {
        Start("g").Attr("class", cssClass);
        return this;
    }

    /// <summary>A line segment.</summary>
    public void Line(double x1, double y1, double x2, double y2, string stroke, double width, string? dash = null, string? cssClass = null)
    {
        Start("line").AttrIf("class", cssClass).Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2)
            .Attr("stroke", stroke).Attr("stroke-width", width).AttrIf("stroke-dasharray", dash).EndEmpty();
    }

    /// <summary>A text element with an optional tooltip.</summary>
    public void Text(double x, double y, string text, string anchor = "start", string? cssClass = null,
                     double? fontSize = null, string? title = null, string? transform = null, string? fill = null, string? weight = null)
    {
        Start("text").AttrIf("class", cssClass).Attr("x", x).Attr("y", y).Attr("text-anchor", anchor);
        if (fontSize is { } f)
        {
            Attr("font-size", f);
        }

        AttrIf("transform", transform).AttrIf("fill", fill).AttrIf("font-weight", weight).EndOpen();
        if (title is not null)
        {
            Title(title);
        }

        Content(text).Close("text");
    }

    /// <summary>The finished document.</summary>
    public string Finish()
    {
        Close("svg");
        return _sb.ToString();
    }
}
