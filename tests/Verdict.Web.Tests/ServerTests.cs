using System.Net;
using System.Text.Json.Nodes;
using Verdict.Cli.Commands;
using Verdict.Web.Hosting;
using Verdict.Web.Reports;

namespace Verdict.Web.Tests;

[Collection("server")]
public sealed class ServerTests
{
    private readonly ServerFixture _servers;

    public ServerTests(ServerFixture servers) => _servers = servers;

    [Theory]
    [InlineData("/", "Metrics calculator")]
    [InlineData("/calculator", "Metrics calculator")]
    [InlineData("/report", "Classification report")]
    [InlineData("/assets/app.css", ":root")]
    [InlineData("/assets/common.js", "window.Verdict")]
    [InlineData("/assets/calculator.js", "/api/counts")]
    [InlineData("/assets/report.js", "/api/report")]
    public async Task Get_Page_ServedFromTheAssemblyWithSecurityHeaders(string path, string contains)
    {
        using HttpResponseMessage response = await _servers.Client.GetAsync(path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(contains, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PagesAndScripts_NoExternalResources()
    {
        foreach (string path in new[] { "", "report", "assets/app.css", "assets/common.js", "assets/calculator.js", "assets/report.js" })
        {
            string text = await _servers.Client.GetStringAsync(path);
            Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_UnknownAsset_404()
    {
        using HttpResponseMessage response = await _servers.Client.GetAsync("assets/nope.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownApi_404Json()
    {
        using HttpResponseMessage response = await _servers.Client.GetAsync("api/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Request_ForeignHostHeader_RefusedOnLoopback()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "attacker.example";
        using HttpResponseMessage response = await _servers.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void Address_Loopback_WithTheRealPort()
    {
        Assert.Equal("127.0.0.1", _servers.Server.Address.Host);
        Assert.NotEqual(0, _servers.Server.Address.Port);
    }

    [Fact]
    public async Task Report_ServiceThrowsUnexpectedly_500WithoutDetails()
    {
        await using VerdictWebServer server = await VerdictWebServer.StartAsync(new WebServerOptions { Port = 0 }, new ThrowingService());
        using var client = new HttpClient { BaseAddress = server.Address };
        using MultipartFormDataContent form = ServerFixture.Form("digits.csv");
        using HttpResponseMessage response = await client.PostAsync("api/report", form);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("internal error", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(body)!["field"]);
        Assert.Empty(Directory.GetFileSystemEntries(server.UploadFolderPath));
    }

    [Fact]
    public async Task Dispose_Server_DeletesItsTemporaryFolder()
    {
        VerdictWebServer server = await VerdictWebServer.StartAsync(new WebServerOptions { Port = 0 }, new ThrowingService());
        string folder = server.UploadFolderPath;
        Assert.True(Directory.Exists(folder));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Start_PortInUse_Throws()
    {
        await Assert.ThrowsAnyAsync<IOException>(() => VerdictWebServer.StartAsync(new WebServerOptions { Port = _servers.Server.Address.Port }, new ThrowingService()));
    }

    [Theory]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("[::1]", "::1")]
    public void ParseHost_Valid_Address(string host, string expected) => Assert.Equal(expected, VerdictWebServer.ParseHost(host).ToString());

    [Fact]
    public void ParseHost_Name_ThrowsWithAdvice() =>
        Assert.Contains("127.0.0.1", Assert.Throws<ArgumentException>(() => VerdictWebServer.ParseHost("example.com")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("200MB", 200L * 1024 * 1024)]
    [InlineData("64 kb", 64L * 1024)]
    [InlineData("1.5GB", 3L * 512 * 1024 * 1024)]
    [InlineData("1000", 1000L)]
    [InlineData("0", null)]
    [InlineData("-5MB", null)]
    [InlineData("lots", null)]
    public void ParseBytes_Text_Bytes(string text, long? expected) => Assert.Equal(expected, WebServerOptions.ParseBytes(text));

    [Theory]
    [InlineData(200L * 1024 * 1024, "200 MB")]
    [InlineData(64L * 1024, "64 KB")]
    [InlineData(1536L, "1.5 KB")]
    [InlineData(512L, "512 bytes")]
    public void FormatBytes_Bytes_Text(long bytes, string expected) => Assert.Equal(expected, WebServerOptions.FormatBytes(bytes));

    [Theory]
    [InlineData("digits.csv", "digits.csv")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\preds.tsv.gz", "preds.tsv.gz")]
    [InlineData("..", "upload.csv")]
    [InlineData("", "upload.csv")]
    [InlineData(".hidden.csv", "hidden.csv")]
    [InlineData("résultats final.csv", "r_sultats_final.csv")]
    public void SafeFileName_Name_SafeName(string name, string expected) => Assert.Equal(expected, UploadFolder.SafeFileName(name));

    [Theory]
    [InlineData("x.csv: column 'nope' (from --actual) is not in the header", "actual")]
    [InlineData("x.csv: --score needs the positive label it scores; give --positive (labels: 'a', 'b')", "positive")]
    [InlineData("--actual and --predicted both name column 'a'", "actual")]
    [InlineData("x.csv: the --scores columns sum to 2; pass --normalize to divide each row by its sum", "scores")]
    [InlineData("nothing about options", null)]
    public void FieldOf_CliMessage_FormField(string message, string? field) => Assert.Equal(field, CliReportService.FieldOf(message));

    [Fact]
    public void ForPage_CliMessage_UsesFieldLabels()
    {
        Assert.Equal("x.csv: no column for the actual labels; name it with “Actual”", CliReportService.ForPage("x.csv: no column for the actual labels; name it with --actual COLUMN"));
        Assert.Equal("rows off by 1; tick “Normalize” to divide each row", CliReportService.ForPage("rows off by 1; pass --normalize to divide each row"));
    }

    private sealed class ThrowingService : IReportService
    {
        public IReadOnlyList<string> ReadColumns(string path, char? delimiter) => throw new InvalidOperationException("secret internal detail");

        public ReportResult Evaluate(string path, ReportRequest request) => throw new InvalidOperationException("secret internal detail");
    }
}
