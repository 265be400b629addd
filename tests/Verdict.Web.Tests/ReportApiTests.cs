using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Verdict.Cli;
using Verdict.Cli.Commands;
using Verdict.Reports;
using Verdict.Reports.Html;
using Verdict.Web.Hosting;
using Verdict.Web.Reports;

namespace Verdict.Web.Tests;

[Collection("server")]
public sealed class ReportApiTests
{
    private const string DigitsScores = "p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9";

    private readonly ServerFixture _servers;

    public ReportApiTests(ServerFixture servers) => _servers = servers;

    private static string Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        return stdout.ToString();
    }

    private static async Task<(HttpStatusCode Status, string Body)> Post(HttpClient client, string path, MultipartFormDataContent form)
    {
        using (form)
        {
            using HttpResponseMessage response = await client.PostAsync(path, form);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private Task<(HttpStatusCode Status, string Body)> Report(string? file, params (string, string)[] fields) =>
        Post(_servers.Client, "api/report", ServerFixture.Form(file, fields));

    private async Task<JsonObject> Error(HttpStatusCode expected, string? file, params (string, string)[] fields)
    {
        (HttpStatusCode status, string body) = await Report(file, fields);
        Assert.Equal(expected, status);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task Report_DigitsUploadWithScores_ByteIdenticalToVerdictReportJson()
    {
        (HttpStatusCode status, string body) = await Report("digits.csv", ("actual", "y_true"), ("predicted", "y_pred"), ("scores", DigitsScores));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Cli("report", ServerFixture.Sample("digits.csv"), "--actual", "y_true", "--predicted", "y_pred", "--scores", DigitsScores, "--format", "json"), body);
        JsonNode json = JsonNode.Parse(body)!;
        Assert.Equal("verdict/report/v1", json["schema"]!.GetValue<string>());
        Assert.Equal(1797, json["rows"]!.GetValue<long>());
        Assert.NotNull(json["metrics"]!["roc_auc"]);
    }

    [Fact]
    public async Task Report_DigitsDefaults_EqualsLibraryReport()
    {
        (HttpStatusCode status, string body) = await Report("digits.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        EvaluationReport report = ReportCommand.Evaluate(new ReportSettings { File = ServerFixture.Sample("digits.csv") }, new CliContext(TextWriter.Null, TextWriter.Null));
        Assert.Equal(EvaluationJson.ToText(report) + "\n", body);
    }

    [Fact]
    public async Task Report_SampleField_SameAsUploadingTheFile()
    {
        (_, string uploaded) = await Report("digits.csv");
        (HttpStatusCode status, string sample) = await Report(null, ("sample", "digits.csv"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(uploaded, sample);
    }

    [Fact]
    public async Task Report_BinaryScoreAndPositive_ByteIdenticalToCli()
    {
        (HttpStatusCode status, string body) = await Report("breast_cancer.csv", ("actual", "diagnosis"), ("predicted", "predicted"), ("score", "p_malignant"), ("positive", "malignant"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Cli("report", ServerFixture.Sample("breast_cancer.csv"), "--actual", "diagnosis", "--predicted", "predicted", "--score", "p_malignant", "--positive", "malignant", "--format", "json"), body);
    }

    [Fact]
    public async Task Report_MultilabelFromScoresAtThreshold_ByteIdenticalToCli()
    {
        (HttpStatusCode status, string body) = await Report("multilabel.csv", ("task", "multilabel"), ("actual", "y_0,y_1,y_2,y_3,y_4"), ("scores", "p_0,p_1,p_2,p_3,p_4"), ("threshold", "0.4"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Cli("report", ServerFixture.Sample("multilabel.csv"), "--task", "multilabel", "--actual", "y_0,y_1,y_2,y_3,y_4", "--scores", "p_0,p_1,p_2,p_3,p_4", "--threshold", "0.4", "--format", "json"), body);
    }

    [Fact]
    public async Task Report_FormatHtml_IsHtmlReportWithMulticlassCharts()
    {
        (HttpStatusCode status, string body) = await Report("digits.csv", ("scores", DigitsScores), ("format", "html"));

        Assert.Equal(HttpStatusCode.OK, status);
        // The same page built here from the library: the report and one-vs-rest charts of the probabilities.
        string[] lines = File.ReadAllLines(ServerFixture.Sample("digits.csv"));
        int n = lines.Length - 1;
        var labels = new int[n];
        var probabilities = new double[n * 10];
        for (int i = 0; i < n; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            labels[i] = int.Parse(cells[0], CultureInfo.InvariantCulture);
            for (int j = 0; j < 10; j++)
            {
                probabilities[(i * 10) + j] = double.Parse(cells[2 + j], CultureInfo.InvariantCulture);
            }
        }

        EvaluationReport report = ReportCommand.Evaluate(new ReportSettings { File = ServerFixture.Sample("digits.csv"), Scores = DigitsScores.Split(',') }, new CliContext(TextWriter.Null, TextWriter.Null));
        string[] names = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        string expected = HtmlReport.Render(report, HtmlReportCharts.ForMulticlass(labels, probabilities, names), new HtmlReportOptions { Title = "Verdict report: digits.csv" });
        Assert.Equal(expected, body);
        Assert.Contains("<table class=\"report\">", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_FormatPage_WrapsTheReportJsonWithHtmlAndColumns()
    {
        (HttpStatusCode status, string body) = await Report("breast_cancer.csv", ("actual", "diagnosis"), ("score", "p_malignant"), ("positive", "malignant"), ("format", "page"));

        Assert.Equal(HttpStatusCode.OK, status);
        JsonObject page = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(["file", "columns", "report", "html"], page.Select(p => p.Key).ToArray());
        Assert.Equal("breast_cancer.csv", page["file"]!.GetValue<string>());
        Assert.Equal(["diagnosis", "predicted", "p_malignant"], page["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
        string cli = Cli("report", ServerFixture.Sample("breast_cancer.csv"), "--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--format", "json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli), page["report"]));
        string html = page["html"]!.GetValue<string>();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("ROC", html, StringComparison.Ordinal);
        Assert.Contains("Reliability diagram", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_MissingColumn_400NamesActualWithTheHeader()
    {
        JsonObject error = await Error(HttpStatusCode.BadRequest, "digits.csv", ("actual", "nope"));

        Assert.Equal("actual", error["field"]!.GetValue<string>());
        string message = error["error"]!.GetValue<string>();
        Assert.StartsWith("digits.csv: column 'nope'", message, StringComparison.Ordinal);
        Assert.Contains("y_true, y_pred", message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_MisspelledScoreColumn_400NamesScoresAndSuggests()
    {
        JsonObject error = await Error(HttpStatusCode.BadRequest, "digits.csv", ("scores", "p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p9"));

        Assert.Equal("scores", error["field"]!.GetValue<string>());
        Assert.Contains("did you mean 'p_9'", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ScoreWithoutPositive_400NamesPositive()
    {
        JsonObject error = await Error(HttpStatusCode.BadRequest, "breast_cancer.csv", ("actual", "diagnosis"), ("score", "p_malignant"));

        Assert.Equal("positive", error["field"]!.GetValue<string>());
        Assert.Contains("“Positive class”", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownPositive_400NamesPositive()
    {
        JsonObject error = await Error(HttpStatusCode.BadRequest, "breast_cancer.csv", ("actual", "diagnosis"), ("positive", "cancer"));

        Assert.Equal("positive", error["field"]!.GetValue<string>());
        Assert.Contains("'benign', 'malignant'", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("threshold", "high")]
    [InlineData("task", "regression")]
    [InlineData("zero_division", "two")]
    [InlineData("labels", "a,,b")]
    [InlineData("top_k", "0")]
    [InlineData("digits", "20")]
    [InlineData("format", "xml")]
    [InlineData("on_bad_row", "ignore")]
    [InlineData("sample", "nope.csv")]
    public async Task Report_BadOption_400NamesIt(string field, string value)
    {
        JsonObject error = await Error(HttpStatusCode.BadRequest, field == "sample" ? null : "digits.csv", (field, value));

        Assert.Equal(field, error["field"]!.GetValue<string>());
        Assert.Contains(value.Split(',')[0], error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BadRowInFile_400NamesFileWithLine()
    {
        using var form = new MultipartFormDataContent { { new StringContent("y_true,y_pred,w\na,a,1\nb,a,x\n"), "file", "bad.csv" }, { new StringContent("w"), "weight" } };
            (HttpStatusCode status, string body) = await Post(_servers.Client, "api/report", form);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            JsonObject error = JsonNode.Parse(body)!.AsObject();
            Assert.Equal("weight", error["field"]!.GetValue<string>());
            Assert.Contains("bad.csv line 3, column w", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoFile_400NamesFile()
    {
        JsonObject error = await Error(HttpStatusCode.BadRequest, null, ("actual", "y_true"));

        Assert.Equal("file", error["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Report_UnknownField_400NamesIt()
    {
        JsonObject error = await Error(HttpStatusCode.BadRequest, "digits.csv", ("acutal", "y_true"));

        Assert.Equal("acutal", error["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Report_NotMultipart_415()
    {
        using var content = new StringContent("y_true,y_pred\n1,1\n");
        using HttpResponseMessage response = await _servers.Client.PostAsync("api/report", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("multipart/form-data", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UploadOverLimit_413WithTheLimit()
    {
        (HttpStatusCode status, string body) = await Post(_servers.SmallClient, "api/report", ServerFixture.Form("digits.csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        JsonObject error = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("file", error["field"]!.GetValue<string>());
        Assert.Contains("larger than the upload limit of 64 KB", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ChunkedUploadOverLimit_413WhileStreaming()
    {
        // No Content-Length: the limit is enforced while the file is copied.
        var form = new MultipartFormDataContent { { new StreamContent(new NonSeekable(File.ReadAllBytes(ServerFixture.Sample("digits.csv")))), "file", "digits.csv" } };
        form.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/report") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await _servers.SmallClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("upload limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_servers.SmallServer.UploadFolderPath));
    }

    [Fact]
    public async Task Report_AfterRequests_TemporaryFolderIsEmpty()
    {
        await Report("digits.csv");
        await Report("digits.csv", ("actual", "nope"));
        await Post(_servers.Client, "api/columns", ServerFixture.Form("digits.csv"));

        Assert.True(Directory.Exists(_servers.Server.UploadFolderPath));
        Assert.Empty(Directory.GetFileSystemEntries(_servers.Server.UploadFolderPath));
        Assert.StartsWith(Path.GetFullPath(Path.GetTempPath()), _servers.Server.UploadFolderPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_FileNameWithPath_KeepsOnlyASafeName()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(ServerFixture.Sample("digits.csv"))), "file", "../../etc/dig its.csv" }, { new StringContent("page"), "format" } };
        (HttpStatusCode status, string body) = await Post(_servers.Client, "api/report", form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("dig_its.csv", JsonNode.Parse(body)!["file"]!.GetValue<string>());
    }

    [Fact]
    public async Task Columns_Upload_ReturnsHeader()
    {
        (HttpStatusCode status, string body) = await Post(_servers.Client, "api/columns", ServerFixture.Form("breast_cancer.csv"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"file":"breast_cancer.csv","columns":["diagnosis","predicted","p_malignant"]}""", body);
    }

    [Fact]
    public async Task Samples_List_HasDigitsWithOptionsThatWork()
    {
        JsonArray samples = JsonNode.Parse(await _servers.Client.GetStringAsync("api/samples"))!.AsArray();

        Assert.Contains(samples, s => s!["name"]!.GetValue<string>() == "digits.csv");
        foreach (JsonNode? sample in samples)
        {
            var fields = new List<(string, string)> { ("sample", sample!["name"]!.GetValue<string>()) };
            fields.AddRange(sample["options"]!.AsObject().Select(o => (o.Key, o.Value!.GetValue<string>())));
            (HttpStatusCode status, string body) = await Report(null, [.. fields]);
            Assert.True(status == HttpStatusCode.OK, body);
        }
    }

    [Fact]
    public async Task Config_ReportsTheLimit()
    {
        JsonNode config = JsonNode.Parse(await _servers.SmallClient.GetStringAsync("api/config"))!;

        Assert.Equal(ServerFixture.SmallLimit, config["max_upload_bytes"]!.GetValue<long>());
        Assert.Equal("64 KB", config["max_upload"]!.GetValue<string>());
    }
}

/// <summary>A read-only, non-seekable stream, so HttpClient cannot know its length.</summary>
internal sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
