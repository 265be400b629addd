using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Cli;
using Verdict.Reports;

namespace Verdict.Web.Tests;

[Collection("server")]
public sealed class CountsApiTests
{
    private readonly ServerFixture _servers;

    public CountsApiTests(ServerFixture servers) => _servers = servers;

    private static readonly CountsRow[] Explainer = [new("a", 10, 2, 3), new("b", 20, 10, 12), new("c", 5, 1, 1)];

    private static readonly CountsRow[] Totals = [new("A", 120, 10, 20, 200), new("B", 90, 20, 10, 230), new("C", 50, 10, 20, 220)];

    private static object Request(IEnumerable<CountsRow> rows) => new
    {
        rows = rows.Select(r => new Dictionary<string, object?> { ["class"] = r.Class, ["tp"] = r.TruePositives, ["fp"] = r.FalsePositives, ["fn"] = r.FalseNegatives, ["tn"] = r.TrueNegatives }),
    };

    private async Task<(HttpStatusCode Status, string Body)> Post(object request)
    {
        using HttpResponseMessage response = await _servers.Client.PostAsJsonAsync("api/counts", request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> Error(object request, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        (HttpStatusCode status, string body) = await Post(request);
        Assert.Equal(expected, status);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task Counts_ExplainerTable_EqualsLibraryJson()
    {
        (HttpStatusCode status, string body) = await Post(Request(Explainer));

        Assert.Equal(HttpStatusCode.OK, status);
        string expected = CountsTableRender.Json(CountsTable.Create(Explainer)).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        Assert.Equal(expected, body);
        JsonNode json = JsonNode.Parse(body)!;
        Assert.Equal("0.7595", json["macro"]!["f1"]!.GetValue<double>().ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.7071", json["micro"]!["f1"]!.GetValue<double>().ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(json["warnings"]!.AsArray());
    }

    [Fact]
    public async Task Counts_CalculatorTotalsWithTn_EqualsLibraryAndHasAccuracy()
    {
        (HttpStatusCode status, string body) = await Post(Request(Totals));

        Assert.Equal(HttpStatusCode.OK, status);
        CountsTable table = CountsTable.Create(Totals);
        JsonNode json = JsonNode.Parse(body)!;
        Assert.True(JsonNode.DeepEquals(CountsTableRender.Json(table), json));
        Assert.Equal(table.Micro.Precision, json["micro"]!["precision"]!.GetValue<double>());
        Assert.Equal(0.91, json["micro"]!["accuracy"]!.GetValue<double>(), 12);
        Assert.Equal(260 / 300.0, json["micro"]!["precision"]!.GetValue<double>(), 12);
        Assert.Equal(260 / 310.0, json["micro"]!["recall"]!.GetValue<double>(), 12);
        Assert.Equal(520 / 610.0, json["micro"]!["f1"]!.GetValue<double>(), 12);
        Assert.Equal(650, json["totals"]!["tn"]!.GetValue<long>());
    }

    [Fact]
    public async Task Counts_SameTableAsCalcCommand_ByteIdenticalToCliOutput()
    {
        string csv = Path.Combine(Path.GetTempPath(), "verdict-web-test-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(csv, "class,tp,fp,fn,tn\nA,120,10,20,200\nB,90,20,10,230\nC,50,10,20,220\n");
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Assert.Equal(0, CommandLine.Run(["calc", csv, "--format", "json"], stdout, stderr));

            (_, string body) = await Post(Request(Totals));

            Assert.Equal(stdout.ToString(), body);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task Counts_CountsTypedAsText_ParsedLikeNumbers()
    {
        (HttpStatusCode status, string body) = await Post(new { rows = new[] { new { @class = " a ", tp = "10", fp = " 2", fn = "3 ", tn = "" } } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonNode.DeepEquals(CountsTableRender.Json(CountsTable.Create([new CountsRow("a", 10, 2, 3)])), JsonNode.Parse(body)));
    }

    [Fact]
    public async Task Counts_NegativeCount_400NamesTheCell()
    {
        JsonObject error = await Error(new { rows = new object[] { new { @class = "a", tp = 1, fp = 1, fn = 1 }, new { @class = "b", tp = 1, fp = -3, fn = 1 } } });

        Assert.Equal("rows[1].fp", error["field"]!.GetValue<string>());
        Assert.Contains("Class 'b', FP", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("negative", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", "rows[0].tp", "not a whole number")]
    [InlineData("1.5", "rows[0].tp", "not a whole number")]
    [InlineData("", "rows[0].tp", "empty")]
    public async Task Counts_BadTp_400NamesTheCell(string tp, string field, string message)
    {
        JsonObject error = await Error(new { rows = new[] { new { @class = "a", tp, fp = "1", fn = "1" } } });

        Assert.Equal(field, error["field"]!.GetValue<string>());
        Assert.Contains(message, error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_RepeatedClass_400NamesTheSecondClassCell()
    {
        JsonObject error = await Error(Request([new("a", 1, 1, 1), new("a", 2, 2, 2)]));

        Assert.Equal("rows[1].class", error["field"]!.GetValue<string>());
        Assert.Contains("appears twice", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_TnForSomeRowsOnly_400NamesTheMissingTn()
    {
        JsonObject error = await Error(Request([new("a", 1, 1, 1, 5), new("b", 2, 2, 2)]));

        Assert.Equal("rows[1].tn", error["field"]!.GetValue<string>());
        Assert.Contains("TN", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_NoRowsOrNoClassName_400()
    {
        Assert.Equal("rows", (await Error(new { rows = Array.Empty<object>() }))["field"]!.GetValue<string>());
        Assert.Equal("rows[0].class", (await Error(new { rows = new[] { new { @class = " ", tp = 1, fp = 1, fn = 1 } } }))["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Counts_NotJson_400WithExample()
    {
        using var content = new StringContent("class,tp\na,1", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _servers.Client.PostAsync("api/counts", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
