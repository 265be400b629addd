using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Verdict.Web.Tests;

[Collection("browser")]
public sealed class CalculatorPageTests
{
    private readonly BrowserFixture _browser;

    public CalculatorPageTests(BrowserFixture browser) => _browser = browser;

    private static ILocator Cell(IPage page, int row, int col) => page.Locator($"#count-rows tr:not(.error-row) >> nth={row}").Locator($"input[data-col=\"{col}\"]");

    /// <summary>Types a row cell by cell with the keyboard, as a person would: Tab moves to the next cell.</summary>
    private static async Task TypeRow(IPage page, params string[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            await page.Keyboard.TypeAsync(cells[i]);
        }
    }

    [Fact]
    public async Task Calculator_TypeExplainerTable_ShowsMacroF107595AndMicroF107071()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");
        await page.ClickAsync("#clear-table");
        await Expect(page.Locator("#results-empty")).ToBeVisibleAsync();

        await Cell(page, 0, 0).FocusAsync();
        await TypeRow(page, "a", "10", "2", "3");
        await page.ClickAsync("#add-row");
        await TypeRow(page, "b", "20", "10", "12");
        await page.ClickAsync("#add-row");
        await TypeRow(page, "c", "5", "1", "1");

        await Expect(page.Locator("#macro-f1")).ToHaveTextAsync("0.7595");
        await Expect(page.Locator("#micro-f1")).ToHaveTextAsync("0.7071");
        await Expect(page.Locator("#headline-macro-f1")).ToHaveTextAsync("0.7595");
        await Expect(page.Locator("#micro-precision")).ToHaveTextAsync("0.7292");
        await Expect(page.Locator("#micro-recall")).ToHaveTextAsync("0.6863");
        await Expect(page.Locator("#weighted-f1")).ToHaveTextAsync("0.7068");
        await Expect(page.Locator("#per-class tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#per-class tbody tr >> nth=1")).ToContainTextAsync("0.6452");
        await Expect(page.Locator("#warnings")).ToContainTextAsync("ΣFP (13) ≠ ΣFN (16)");
        await Expect(page.Locator("#totals")).ToHaveTextAsync("ΣTP = 35, ΣFP = 13, ΣFN = 16 (no TN given)");
        await Expect(page.Locator("#formulas")).ToContainTextAsync("2·35 / (2·35 + 13 + 16) = 0.7071");
        await Expect(page.Locator("#formulas")).ToContainTextAsync("(0.8000 + 0.6452 + 0.8333) / 3 = 0.7595");
        await Expect(page.Locator("#micro-accuracy")).ToHaveTextAsync("");
        // The URL is rewritten by each recomputation; wait for the one of the finished table.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
            System.Text.RegularExpressions.Regex.Escape("rows=a,10,2,3;b,20,10,12;c,5,1,1") + "$"));
        Assert.Empty(_browser.Errors);
    }

    [Fact]
    public async Task Calculator_Opened_ShowsExplainerExampleWithRoundingNote()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");

        await Expect(page.Locator("#macro-f1")).ToHaveTextAsync("0.7595");
        await Expect(page.Locator("#micro-f1")).ToHaveTextAsync("0.7071");
        await Expect(page.Locator("#example-note")).ToContainTextAsync("0.73");
        await Expect(page.Locator("#example-note")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Calculator_TotalsExampleWithTn_ShowsMicroScoresAndAccuracy()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");
        await page.ClickAsync("#example-totals");

        await Expect(page.Locator("#micro-precision")).ToHaveTextAsync("0.8667");
        await Expect(page.Locator("#micro-recall")).ToHaveTextAsync("0.8387");
        await Expect(page.Locator("#micro-f1")).ToHaveTextAsync("0.8525");
        await Expect(page.Locator("#micro-accuracy")).ToHaveTextAsync("0.9100");
        await Expect(page.Locator("#headline-accuracy")).ToHaveTextAsync("0.9100");
        await Expect(page.Locator("#totals")).ToHaveTextAsync("ΣTP = 260, ΣFP = 40, ΣFN = 50, ΣTN = 650");
        await Expect(page.Locator("#formulas")).ToContainTextAsync("(260 + 650) / (260 + 40 + 50 + 650) = 0.9100");
        await Expect(page.Locator("#warnings")).ToContainTextAsync("ΣFP (40) ≠ ΣFN (50)");
    }

    [Fact]
    public async Task Calculator_SharedUrl_RestoresTheTable()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/?rows=cat,120,10,20,200;dog%2Cbig,90,20,10,230;bird,50,10,20,220");

        await Expect(page.Locator("#micro-accuracy")).ToHaveTextAsync("0.9100");
        await Expect(Cell(page, 1, 0)).ToHaveValueAsync("dog,big");
        await Expect(page.Locator("#per-class tbody tr >> nth=1 >> th")).ToHaveTextAsync("dog,big");
    }

    [Fact]
    public async Task Calculator_PasteSpreadsheetWithHeader_ReplacesTheTable()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");
        await Expect(page.Locator("#macro-f1")).ToHaveTextAsync("0.7595");

        await Paste(page, Cell(page, 0, 0), "class\ttp\tfp\tfn\ttn\nA\t120\t10\t20\t200\nB\t90\t20\t10\t230\nC\t50\t10\t20\t220\n");

        await Expect(page.Locator("#count-rows tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#micro-f1")).ToHaveTextAsync("0.8525");
        await Expect(page.Locator("#micro-accuracy")).ToHaveTextAsync("0.9100");
    }

    [Fact]
    public async Task Calculator_PasteCellsWithoutHeader_FillsFromTheFocusedCell()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");
        await page.ClickAsync("#clear-table");

        await Paste(page, Cell(page, 0, 0), "a,10,2,3\nb,20,10,12\nc,5,1,1");

        await Expect(page.Locator("#macro-f1")).ToHaveTextAsync("0.7595");
        await Expect(page.Locator("#count-rows tr")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Calculator_NegativeCount_ErrorNextToTheCell()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");
        await Expect(page.Locator("#macro-f1")).ToHaveTextAsync("0.7595");

        await Cell(page, 1, 2).FillAsync("-4");

        ILocator error = page.Locator("#count-rows tr.error-row");
        await Expect(error).ToContainTextAsync("Class 'b', FP: -4 is negative");
        await Expect(Cell(page, 1, 2)).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal("b", await page.Locator("#count-rows tr.error-row").Locator("xpath=preceding-sibling::tr[1]").Locator("input[data-col=\"0\"]").InputValueAsync());

        await Cell(page, 1, 2).FillAsync("10");
        await Expect(error).ToHaveCountAsync(0);
        await Expect(page.Locator("#macro-f1")).ToHaveTextAsync("0.7595");
    }

    [Fact]
    public async Task Calculator_EnterOnLastRow_AddsARowBelow()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");
        await Expect(page.Locator("#count-rows tr")).ToHaveCountAsync(3);

        await Cell(page, 2, 1).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#count-rows tr")).ToHaveCountAsync(4);
        await Expect(Cell(page, 3, 1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(Cell(page, 2, 1)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Calculator_Cells_HaveAccessibleNames()
    {
        IPage page = await _browser.NewPageAsync(_browser.Servers.Server.Address);
        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "FP, row 2 (b)" })).ToHaveValueAsync("10");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove row 3 (c)" })).ToBeVisibleAsync();
    }

    private static async Task Paste(IPage page, ILocator cell, string text)
    {
        await cell.FocusAsync();
        await page.EvaluateAsync(
            """
            (text) => {
              const data = new DataTransfer();
              data.setData('text/plain', text);
              document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, text);
    }
}
