using Microsoft.Playwright;

namespace Verdict.Web.Tests;

/// <summary>
/// Headless Chromium driven by Playwright. Playwright's own browser download does not work offline, so this uses the
/// system's Chromium (test.sh installs Debian's package when it is missing): VERDICT_CHROMIUM, else the first of
/// /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome. Without one the tests fail with a message
/// saying how to install it; they never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private IPlaywright? _playwright;

    public ServerFixture Servers { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath()
    {
        string? configured = Environment.GetEnvironmentVariable("VERDICT_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"VERDICT_CHROMIUM is {configured}, which does not exist.");
        }

        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Chromium is not installed; the browser tests need it. Run ./test.sh (it installs it), or: apt-get update && apt-get install -y chromium, or set VERDICT_CHROMIUM to a Chromium binary.");
    }

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Servers.DisposeAsync();
    }

    /// <summary>A new page in a fresh context (own storage), with a viewport like a laptop's.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        IPage page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // A 400 or 413 answer is logged as "Failed to load resource"; that is the API working, not a page error.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => Errors.Add(error);
        return page;
    }

    /// <summary>Console and page errors seen by any page (tests assert there are none of their own).</summary>
    public List<string> Errors { get; } = [];
}

[CollectionDefinition("browser")]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
}
