using Microsoft.Playwright;
using Verdict.Cli;

namespace Verdict.Web.Tests;

/// <summary>
/// The self-contained HTML report (<c>verdict report --format html</c>) opened in headless Chromium from a file:
/// no console errors, every chart drawn with a non-empty size, and a full-page screenshot kept as a test artifact
/// (in VERDICT_ARTIFACTS, else artifacts/ beside the test assembly).
/// </summary>
[Collection("browser")]
public sealed class HtmlReportBrowserTests
{
    private readonly BrowserFixture _browser;

    public HtmlReportBrowserTests(BrowserFixture browser) => _browser = browser;

    public static string ArtifactsFolder()
    {
        string folder = Environment.GetEnvironmentVariable("VERDICT_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Theory]
    [InlineData("digits", 4, new[] { "report", "digits.csv", "--scores", "p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9" })]
    [InlineData("fraud", 7, new[] { "report", "fraud.csv", "--actual", "label", "--predicted", "predicted", "--score", "p_fraud", "--positive", "fraud" })]
    public async Task HtmlReport_OpenedInChromium_NoErrorsAndEveryChartDrawn(string name, int minimumCharts, string[] args)
    {
        string folder = ArtifactsFolder();
        string html = Path.Combine(folder, $"{name}-report.html");
        string[] cli = [args[0], ServerFixture.Sample(args[1]), .. args[2..], "--format", "html", "--output", html, "--no-log", "--quiet"];
        using var stderr = new StringWriter();
        Assert.True(CommandLine.Run(cli, TextWriter.Null, stderr) == 0, stderr.ToString());

        IBrowserContext context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        try
        {
            IPage page = await context.NewPageAsync();
            var errors = new List<string>();
            var requests = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type == "error")
                {
                    errors.Add(m.Text);
                }
            };
            page.PageError += (_, e) => errors.Add(e);
            page.Request += (_, r) => requests.Add(r.Url);
            await page.GotoAsync(new Uri(html).AbsoluteUri);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-report.png"), FullPage = true });

            Assert.Empty(errors);
            Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
            IReadOnlyList<ILocator> charts = await page.Locator("svg").AllAsync();
            Assert.True(charts.Count >= minimumCharts, $"{charts.Count} charts, expected at least {minimumCharts}");
            foreach (ILocator chart in charts)
            {
                LocatorBoundingBoxResult? box = await chart.BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box!.Width > 50 && box.Height > 50, $"a chart is {box.Width}×{box.Height}");
            }

            Assert.Contains("weighted avg", await page.ContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
