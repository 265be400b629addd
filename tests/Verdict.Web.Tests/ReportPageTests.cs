using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Verdict.Web.Tests;

[Collection("browser")]
public sealed class ReportPageTests
{
    private readonly BrowserFixture _browser;

    public ReportPageTests(BrowserFixture browser) => _browser = browser;

    private async Task<IPage> Open(Uri server)
    {
        IPage page = await _browser.NewPageAsync(server);
        await page.GotoAsync("/report");
        await Expect(page.Locator("body[data-ready=\"true\"]")).ToHaveCountAsync(1);
        return page;
    }

    [Fact]
    public async Task Report_UploadDigits_ShowsTheClassificationReportTable()
    {
        IPage page = await Open(_browser.Servers.Server.Address);

        await page.SetInputFilesAsync("#file", ServerFixture.Sample("digits.csv"));

        IFrameLocator frame = page.FrameLocator("#report-frame");
        ILocator rows = frame.Locator("table.report tbody.classes tr");
        await Expect(rows).ToHaveCountAsync(10);
        await Expect(rows.First.Locator("th")).ToHaveTextAsync("0");
        await Expect(frame.Locator("table.report tr.accuracy")).ToContainTextAsync("1797");
        await Expect(frame.Locator("table.metrics")).ToContainTextAsync("balanced_accuracy");
        await Expect(frame.Locator("#charts svg")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#status")).ToContainTextAsync("digits.csv: multiclass, 1,797 rows, 10 classes");
        await Expect(page.Locator("#columns-list")).ToContainTextAsync("y_true");
        await Expect(page.Locator("#download-json")).ToBeEnabledAsync();
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Report_UploadBreastCancer_ShowsScikitLearnNumbers()
    {
        IPage page = await Open(_browser.Servers.Server.Address);
        await page.FillAsync("#actual", "diagnosis");
        await page.FillAsync("#predicted", "predicted");
        await page.FillAsync("#positive", "malignant");
        await page.SetInputFilesAsync("#file", ServerFixture.Sample("breast_cancer.csv"));
        await page.ClickAsync("#evaluate");

        IFrameLocator frame = page.FrameLocator("#report-frame");
        ILocator rows = frame.Locator("table.report tbody.classes tr");
        await Expect(rows).ToHaveCountAsync(2);
        // scikit-learn: benign 0.9351 0.9692 0.9519 357; malignant 0.9447 0.8868 0.9148 212; accuracy 0.9385.
        await Expect(rows.Nth(0)).ToContainTextAsync("0.9351");
        await Expect(rows.Nth(0)).ToContainTextAsync("0.9519");
        await Expect(rows.Nth(1)).ToContainTextAsync("0.8868");
        await Expect(rows.Nth(1)).ToContainTextAsync("212");
        await Expect(frame.Locator("table.report tr.accuracy")).ToContainTextAsync("0.9385");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HtmlReportBrowserTests.ArtifactsFolder(), "report-page-breast-cancer.png"), FullPage = true });
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Report_UploadDigitsWithoutScores_OffersTheScoreColumns()
    {
        IPage page = await Open(_browser.Servers.Server.Address);
        await page.SetInputFilesAsync("#file", ServerFixture.Sample("digits.csv"));
        await Expect(page.Locator("#suggestion")).ToContainTextAsync("p_0 … p_9");

        await page.ClickAsync("#suggestion-use");

        await Expect(page.Locator("#scores")).ToHaveValueAsync("p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9");
        await Expect(page.FrameLocator("#report-frame").Locator("table.metrics")).ToContainTextAsync("roc_auc");
        await Expect(page.Locator("#suggestion")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Report_UploadOverTheLimit_ClearMessageNextToTheFile()
    {
        IPage page = await Open(_browser.Servers.SmallServer.Address);
        await Expect(page.Locator("#upload-limit")).ToHaveTextAsync("64 KB");

        await page.SetInputFilesAsync("#file", ServerFixture.Sample("digits.csv"));

        await Expect(page.Locator("#file-error")).ToContainTextAsync("larger than the upload limit of 64 KB");
        await Expect(page.Locator("#file")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#result")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Report_OverTheLimitOnlyOnTheServer_ServerMessageNextToTheFile()
    {
        // The page checks the size first; with that check fooled, the server's 413 shows up in the same place.
        IPage page = await Open(_browser.Servers.SmallServer.Address);
        await page.EvaluateAsync("() => { Object.defineProperty(File.prototype, 'size', { get() { return 1; } }); }");

        await page.SetInputFilesAsync("#file", ServerFixture.Sample("digits.csv"));

        await Expect(page.Locator("#file-error")).ToContainTextAsync("larger than the upload limit of 64 KB");
    }

    [Fact]
    public async Task Report_BadColumn_MessageNextToTheActualField()
    {
        IPage page = await Open(_browser.Servers.Server.Address);
        await page.SetInputFilesAsync("#file", ServerFixture.Sample("digits.csv"));
        await Expect(page.FrameLocator("#report-frame").Locator("table.report tbody.classes tr")).ToHaveCountAsync(10);

        await page.FillAsync("#actual", "nope");
        await page.ClickAsync("#evaluate");

        await Expect(page.Locator("#actual-error")).ToContainTextAsync("column 'nope'");
        await Expect(page.Locator("#actual-error")).ToContainTextAsync("y_true, y_pred");
        await Expect(page.Locator("#actual")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#actual")).ToBeFocusedAsync();
        await Expect(page.Locator("#form-error")).ToBeEmptyAsync();

        await page.FillAsync("#actual", "y_true");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#actual-error")).ToBeEmptyAsync();
        await Expect(page.Locator("#actual")).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Report_PickBinarySample_ShowsRocAndPositiveClass()
    {
        IPage page = await Open(_browser.Servers.Server.Address);

        await page.SelectOptionAsync("#sample", "breast_cancer.csv");

        await Expect(page.Locator("#positive")).ToHaveValueAsync("malignant");
        IFrameLocator frame = page.FrameLocator("#report-frame");
        await Expect(frame.Locator("table.report tbody.classes tr")).ToHaveCountAsync(2);
        await Expect(frame.Locator(".verdict")).ToContainTextAsync("ROC AUC");
        await Expect(frame.Locator("#charts figure")).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Report_PositiveMissing_MessageNextToThePositiveField()
    {
        IPage page = await Open(_browser.Servers.Server.Address);
        await page.SelectOptionAsync("#sample", "breast_cancer.csv");
        await Expect(page.FrameLocator("#report-frame").Locator("table.report")).ToHaveCountAsync(1);

        await page.FillAsync("#positive", "");
        await page.ClickAsync("#evaluate");

        await Expect(page.Locator("#positive-error")).ToContainTextAsync("“Positive class”");
    }

    [Fact]
    public async Task Report_DownloadJson_IsTheApiJson()
    {
        IPage page = await Open(_browser.Servers.Server.Address);
        await page.SelectOptionAsync("#sample", "digits.csv");
        await Expect(page.Locator("#download-json")).ToBeEnabledAsync();

        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-json"));
        string path = await download.PathAsync();

        Assert.Equal("digits-report.json", download.SuggestedFilename);
        using var form = ServerFixture.Form(null, ("sample", "digits.csv"), ("actual", "y_true"), ("predicted", "y_pred"), ("scores", "p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9"));
        using HttpResponseMessage response = await _browser.Servers.Client.PostAsync("api/report", form);
        Assert.Equal(await response.Content.ReadAsStringAsync(), await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Report_NoFile_Evaluate_AsksForAFile()
    {
        IPage page = await Open(_browser.Servers.Server.Address);

        await page.ClickAsync("#evaluate");

        await Expect(page.Locator("#file-error")).ToContainTextAsync("Choose a prediction file");
    }
}
