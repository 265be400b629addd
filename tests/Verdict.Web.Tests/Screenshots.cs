using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Verdict.Web.Tests;

/// <summary>
/// Screenshots of the pages for a person to look at, kept as test artifacts: in VERDICT_SCREENSHOTS when set,
/// else in the artifacts folder beside the test assembly (see <see cref="HtmlReportBrowserTests.ArtifactsFolder"/>).
/// </summary>
[Collection("browser")]
public sealed class Screenshots
{
    private readonly BrowserFixture _browser;

    public Screenshots(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task Screenshots_Pages_SavedWhenAsked()
    {
        string folder = Environment.GetEnvironmentVariable("VERDICT_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : HtmlReportBrowserTests.ArtifactsFolder();
        Directory.CreateDirectory(folder);
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");
        await Expect(page.Locator("#macro-f1")).ToHaveTextAsync("0.7595");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "calculator-explainer.png"), FullPage = true });

        await page.ClickAsync("#example-totals");
        await Expect(page.Locator("#micro-accuracy")).ToHaveTextAsync("0.9100");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "calculator-totals.png"), FullPage = true });

        await page.Locator("#count-rows tr >> nth=1").Locator("input[data-col=\"2\"]").FillAsync("-4");
        await Expect(page.Locator("#count-rows tr.error-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "calculator-error.png") });

        await page.SetViewportSizeAsync(420, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "calculator-narrow.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        await page.GotoAsync("/report");
        await Expect(page.Locator("body[data-ready=\"true\"]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "report-empty.png"), FullPage = true });
        await page.SetInputFilesAsync("#file", ServerFixture.Sample("digits.csv"));
        await Expect(page.FrameLocator("#report-frame").Locator("table.report tbody.classes tr")).ToHaveCountAsync(10);
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "report-digits.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "report-digits-top.png") });

        await page.FillAsync("#actual", "nope");
        await page.ClickAsync("#evaluate");
        await Expect(page.Locator("#actual-error")).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "report-bad-column.png") });

        await page.SelectOptionAsync("#sample", "breast_cancer.csv");
        await Expect(page.FrameLocator("#report-frame").Locator("table.report tbody.classes tr")).ToHaveCountAsync(2);
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "report-binary.png"), FullPage = true });

        IPage small = await _browser.NewPageAsync(_browser.Servers.SmallServer.Address);
        await small.GotoAsync("/report");
        await Expect(small.Locator("body[data-ready=\"true\"]")).ToHaveCountAsync(1);
        await small.SetInputFilesAsync("#file", ServerFixture.Sample("digits.csv"));
        await Expect(small.Locator("#file-error")).Not.ToBeEmptyAsync();
        await small.ScreenshotAsync(new() { Path = Path.Combine(folder, "report-too-large.png") });
    }
}
