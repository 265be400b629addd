using Verdict.Charts;

namespace Verdict.Reports.Html;

/// <summary>Title, decimals and chart options of an <see cref="HtmlReport"/>.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The page title and heading; null gives "Verdict evaluation report".</summary>
    public string? Title { get; init; }

    /// <summary>A line under the heading (e.g. the input file name), or null.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Decimals of the tables and the summary (0 to 10; the CLI's text report uses 4).</summary>
    public int Digits { get; init; } = 4;

    /// <summary>Options for every chart (size, point budget, tooltips); null uses the defaults.</summary>
    public ChartOptions? Charts { get; init; }
}
