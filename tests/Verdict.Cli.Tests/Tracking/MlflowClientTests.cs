using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Cli.Tracking;
using Verdict.Tracking;

namespace Verdict.Cli.Tests.Tracking;

public sealed class MlflowClientTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 11, 59, 0, TimeSpan.Zero);
    private readonly FakeMlflowServer _server = new();
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private readonly List<TimeSpan> _delays = [];

    public void Dispose() => _server.Dispose();

    private MlflowClient Client(string? url = null) => new(
        new Uri(url ?? _server.Url), n => _env.GetValueOrDefault(n),
        delay: (t, _) =>
        {
            _delays.Add(t);
            return Task.CompletedTask;
        },
        clock: () => Start.AddMinutes(1));

    private static RunRecord Run() => RunRecord.FromReport(Samples.BreastCancer(), "report", "/data/bc.csv", threshold: 0.5, averaging: "binary") with
    {
        Id = 7,
        Time = Start,
        CommandLine = "verdict report /data/bc.csv --positive malignant",
        InputSize = 1234,
        InputSha256 = new string('a', 64),
        SpecSha256 = new string('b', 64),
        GitCommit = new string('c', 40),
        Gate = GateOutcome.Pass,
        Name = "nightly",
        Tags = [new("team", "risk")],
    };

    private static Dictionary<string, string> Pairs(JsonElement array) =>
        array.EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("value").GetString()!);

    [Fact]
    public async Task LogRun_NewExperiment_CallsTheEndpointsInOrderWithMlflowBodies()
    {
        RunRecord run = Run();
        using MlflowClient client = Client();

        MlflowRunResult result = await client.LogRunAsync(run, "fraud model", step: 3);

        Assert.Equal(new MlflowRunResult("1", "run1"), result);
        Assert.Equal(
            ["GET experiments/get-by-name", "POST experiments/create", "POST runs/create", "POST runs/log-batch", "POST runs/update"],
            _server.Requests.Select(r => r.Method + " " + r.Endpoint));
        Assert.Equal("?experiment_name=fraud%20model", _server.Requests[0].Query);
        Assert.Equal("fraud model", _server.Requests[1].Json.GetProperty("name").GetString());

        JsonElement create = _server.Requests[2].Json;
        Assert.Equal("1", create.GetProperty("experiment_id").GetString());
        Assert.Equal(Start.ToUnixTimeMilliseconds(), create.GetProperty("start_time").GetInt64());
        Assert.Equal("nightly", create.GetProperty("run_name").GetString());
        Dictionary<string, string> createTags = Pairs(create.GetProperty("tags"));
        Assert.Equal("nightly", createTags["mlflow.runName"]);
        Assert.Equal("verdict report", createTags["mlflow.source.name"]);
        Assert.Equal("LOCAL", createTags["mlflow.source.type"]);

        JsonElement batch = _server.Requests[3].Json;
        Assert.Equal("run1", batch.GetProperty("run_id").GetString());
        JsonElement[] metrics = [.. batch.GetProperty("metrics").EnumerateArray()];
        Assert.Equal(run.AllMetrics().Select(m => m.Key), metrics.Select(m => m.GetProperty("key").GetString()));
        Assert.All(metrics, m =>
        {
            Assert.Equal(Start.ToUnixTimeMilliseconds(), m.GetProperty("timestamp").GetInt64());
            Assert.Equal(3, m.GetProperty("step").GetInt64());
        });
        Assert.Equal(run.Metric("f1_macro"), metrics.Single(m => m.GetProperty("key").GetString() == "f1_macro").GetProperty("value").GetDouble());
        Assert.Equal(run.Metric("precision_malignant"), metrics.Single(m => m.GetProperty("key").GetString() == "precision_malignant").GetProperty("value").GetDouble());
        Dictionary<string, string> parameters = Pairs(batch.GetProperty("params"));
        Assert.Equal("0.5", parameters["threshold"]);
        Assert.Equal("binary", parameters["averaging"]);
        Assert.Equal("malignant", parameters["positive"]);
        Assert.Equal(new string('a', 64), parameters["input_sha256"]);
        Assert.Equal(new string('b', 64), parameters["spec_sha256"]);
        Assert.Equal("1234", parameters["input_size"]);
        Assert.Equal("/data/bc.csv", parameters["input_path"]);
        Assert.Equal("report", parameters["command"]);
        Assert.Equal("569", parameters["rows"]);
        Dictionary<string, string> tags = Pairs(batch.GetProperty("tags"));
        Assert.Equal(new string('c', 40), tags["mlflow.source.git.commit"]);
        Assert.Equal("pass", tags["verdict.gate"]);
        Assert.Equal("7", tags["verdict.local_run_id"]);
        Assert.Equal("risk", tags["team"]);
        Assert.Equal("verdict report /data/bc.csv --positive malignant", tags["verdict.command_line"]);

        JsonElement update = _server.Requests[4].Json;
        Assert.Equal("run1", update.GetProperty("run_id").GetString());
        Assert.Equal("FINISHED", update.GetProperty("status").GetString());
        Assert.Equal(Start.AddMinutes(1).ToUnixTimeMilliseconds(), update.GetProperty("end_time").GetInt64());
        Assert.Equal("FINISHED", _server.Runs["run1"].Status);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task LogRun_ExistingExperiment_IsNotCreated()
    {
        _server.AddExperiment("Default", "0");
        using MlflowClient client = Client();

        MlflowRunResult result = await client.LogRunAsync(Run(), "Default", 0);

        Assert.Equal("0", result.ExperimentId);
        Assert.Empty(_server.To("experiments/create"));
        Assert.Equal("0", _server.To("runs/create")[0].Json.GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task LogRun_DeletedExperiment_IsAClearError()
    {
        _server.AddExperiment("old", "4", "deleted");
        using MlflowClient client = Client();

        var e = await Assert.ThrowsAsync<MlflowException>(() => client.LogRunAsync(Run(), "old", 0));

        Assert.Contains("experiment 'old' is deleted", e.Message);
        Assert.Empty(_server.To("runs/create"));
    }

    [Fact]
    public async Task LogBatch_NaNAndInfinities_AreProtobufJsonStrings()
    {
        RunRecord run = Run() with
        {
            Metrics = [new RunMetric("roc_auc", double.NaN), new RunMetric("big", double.PositiveInfinity), new RunMetric("small", double.NegativeInfinity), new RunMetric("ok", 0.25)],
            PerClass = [],
        };
        using MlflowClient client = Client();

        await client.LogRunAsync(run, "e", 0);

        string body = _server.To("runs/log-batch")[0].Body;
        Assert.Contains("{\"key\":\"roc_auc\",\"value\":\"NaN\",", body);
        Assert.Contains("{\"key\":\"big\",\"value\":\"Infinity\",", body);
        Assert.Contains("{\"key\":\"small\",\"value\":\"-Infinity\",", body);
        Assert.Contains("{\"key\":\"ok\",\"value\":0.25,", body);
    }

    [Fact]
    public async Task LogBatch_2500Metrics_ChunkedWithinMlflowLimits()
    {
        RunRecord run = Run() with
        {
            Metrics = [.. Enumerable.Range(0, 2500).Select(i => new RunMetric("m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i))],
            PerClass = [],
        };
        MlflowBatch all = MlflowClient.BatchFor(run, 0);
        using MlflowClient client = Client();

        await client.LogRunAsync(run, "e", 0);

        IReadOnlyList<RecordedRequest> batches = _server.To("runs/log-batch");
        Assert.Equal(3, batches.Count);
        int[] metricCounts = [.. batches.Select(b => b.Json.GetProperty("metrics").GetArrayLength())];
        Assert.Equal([1000 - all.Params.Count - all.Tags.Count, 1000, 2500 - 1000 - (1000 - all.Params.Count - all.Tags.Count)], metricCounts);
        Assert.All(batches, b => Assert.True(b.Json.GetProperty("metrics").GetArrayLength() + b.Json.GetProperty("params").GetArrayLength() + b.Json.GetProperty("tags").GetArrayLength() <= 1000));
        var logged = _server.Runs["run1"].Metrics.Select(m => m!["key"]!.GetValue<string>()).ToList();
        Assert.Equal(run.Metrics.Select(m => m.Key), logged);
        Assert.Equal(all.Params.Count, _server.Runs["run1"].Params.Count);
        Assert.Equal("FINISHED", _server.Runs["run1"].Status);
    }

    [Fact]
    public void Chunk_ManyParamsAndTags_KeepsOrderAndEveryLimit()
    {
        var batch = new MlflowBatch(
            [.. Enumerable.Range(0, 1990).Select(i => new MlflowMetric("m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i, 0, 0))],
            [.. Enumerable.Range(0, 150).Select(i => new KeyValuePair<string, string>("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "v"))],
            [.. Enumerable.Range(0, 250).Select(i => new KeyValuePair<string, string>("t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "v"))]);

        IReadOnlyList<MlflowBatch> chunks = MlflowClient.Chunk(batch);

        Assert.All(chunks, c =>
        {
            Assert.InRange(c.Metrics.Count, 0, MlflowClient.MaxMetricsPerBatch);
            Assert.InRange(c.Params.Count, 0, MlflowClient.MaxParamsPerBatch);
            Assert.InRange(c.Tags.Count, 0, MlflowClient.MaxTagsPerBatch);
            Assert.InRange(c.Count, 1, MlflowClient.MaxEntitiesPerBatch);
        });
        Assert.Equal(batch.Metrics, chunks.SelectMany(c => c.Metrics));
        Assert.Equal(batch.Params, chunks.SelectMany(c => c.Params));
        Assert.Equal(batch.Tags, chunks.SelectMany(c => c.Tags));
        Assert.Equal(3, chunks.Count);
        Assert.Equal([800, 850, 340], chunks.Select(c => c.Metrics.Count));
    }

    [Fact]
    public void Chunk_Empty_IsOneEmptyBatch()
    {
        Assert.Single(MlflowClient.Chunk(new MlflowBatch([], [], [])));
    }

    [Fact]
    public async Task Retry_429Then503_RetriesWithBackoffAndRetryAfter()
    {
        _server.Fail("runs/log-batch", 429, "7");
        _server.Fail("runs/log-batch", 503);
        using MlflowClient client = Client();

        await client.LogRunAsync(Run(), "e", 0);

        Assert.Equal(3, _server.To("runs/log-batch").Count);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2)], _delays);
        Assert.Equal("FINISHED", _server.Runs["run1"].Status);
        Assert.Equal(Run().AllMetrics().Count(), _server.Runs["run1"].Metrics.Count);
    }

    [Fact]
    public async Task Retry_On500502504_AndOnGetByName()
    {
        _server.Fail("experiments/get-by-name", 500, 502, 504);
        using MlflowClient client = Client();

        await client.LogRunAsync(Run(), "e", 0);

        Assert.Equal(4, _server.To("experiments/get-by-name").Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _delays);
    }

    [Fact]
    public async Task Retry_Exhausted_FailsWithStatusAndMarksTheRunFailed()
    {
        _server.Fail("runs/log-batch", 503, 503, 503, 503, 503, 503);
        using MlflowClient client = Client();

        var e = await Assert.ThrowsAsync<MlflowException>(() => client.LogRunAsync(Run(), "e", 0));

        Assert.False(e.Unreachable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Contains("runs/log-batch", e.Message);
        Assert.Contains("HTTP 503 after 6 attempts: TEMPORARILY_UNAVAILABLE: try again", e.Message);
        Assert.Equal(6, _server.To("runs/log-batch").Count);
        Assert.Equal(5, _delays.Count);
        Assert.Equal("FAILED", _server.Runs["run1"].Status);
    }

    [Fact]
    public async Task BadRequest_IsNotRetried_AndNamesMlflowsError()
    {
        _server.Fail("runs/log-batch", 400, null, "INVALID_PARAMETER_VALUE", "Invalid metric name: 'x'");
        using MlflowClient client = Client();

        var e = await Assert.ThrowsAsync<MlflowException>(() => client.LogRunAsync(Run(), "e", 0));

        Assert.Equal("INVALID_PARAMETER_VALUE", e.ErrorCode);
        Assert.Contains("HTTP 400: INVALID_PARAMETER_VALUE: Invalid metric name: 'x'", e.Message);
        Assert.Single(_server.To("runs/log-batch"));
        Assert.Empty(_delays);
        Assert.Equal("FAILED", _server.Runs["run1"].Status);
    }

    [Fact]
    public async Task Auth_Token_IsBearer()
    {
        _env["MLFLOW_TRACKING_TOKEN"] = "s3cret";
        _server.RequiredAuthorization = "Bearer s3cret";
        using MlflowClient client = Client();

        await client.LogRunAsync(Run(), "e", 0);

        Assert.All(_server.Requests, r => Assert.Equal("Bearer s3cret", r.Authorization));
    }

    [Fact]
    public async Task Auth_UsernamePassword_IsBasic_AndWinsOverToken()
    {
        _env["MLFLOW_TRACKING_TOKEN"] = "s3cret";
        _env["MLFLOW_TRACKING_USERNAME"] = "ana";
        _env["MLFLOW_TRACKING_PASSWORD"] = "pa:ss";
        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ana:pa:ss"));
        _server.RequiredAuthorization = expected;
        using MlflowClient client = Client();

        await client.LogRunAsync(Run(), "e", 0);

        Assert.All(_server.Requests, r => Assert.Equal(expected, r.Authorization));
    }

    [Fact]
    public async Task Auth_None_NoHeader_And401SaysWhichVariables()
    {
        _server.RequiredAuthorization = "Bearer x";
        using MlflowClient client = Client();

        var e = await Assert.ThrowsAsync<MlflowException>(() => client.LogRunAsync(Run(), "e", 0));

        Assert.Null(_server.Requests[0].Authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Contains("MLFLOW_TRACKING_TOKEN", e.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Unreachable_RetriesTwiceThenFailsAsUnreachable()
    {
        int port = FakeMlflowServer.FreePort();
        using MlflowClient client = Client($"http://127.0.0.1:{port}");

        var e = await Assert.ThrowsAsync<MlflowException>(() => client.LogRunAsync(Run(), "e", 0));

        Assert.True(e.Unreachable);
        Assert.StartsWith($"cannot reach MLflow at http://127.0.0.1:{port}/ (experiments/get-by-name): ", e.Message);
        Assert.EndsWith("tried 3 times", e.Message);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _delays);
    }

    [Fact]
    public async Task NotMlflow_HtmlAnswer_IsAClearError()
    {
        using var html = new HtmlServer();
        using MlflowClient client = Client(html.Url);

        var e = await Assert.ThrowsAsync<MlflowException>(() => client.LogRunAsync(Run(), "e", 0));

        Assert.Contains("something other than JSON", e.Message);
    }

    [Fact]
    public void RetryPolicy_FromMlflowVariables()
    {
        MlflowRetryPolicy p = MlflowRetryPolicy.FromEnvironment(n => n switch
        {
            "MLFLOW_HTTP_REQUEST_MAX_RETRIES" => "2",
            "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR" => "0.5",
            "MLFLOW_HTTP_REQUEST_TIMEOUT" => "30",
            _ => null,
        });

        Assert.Equal(2, p.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), p.Timeout);
        Assert.Equal([0.5, 1, 2], new[] { 1, 2, 3 }.Select(n => p.DelayBefore(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(60), MlflowRetryPolicy.Default.DelayBefore(20));
    }

    [Fact]
    public void BatchFor_LongParamValue_CutToMlflowsLimitKeepingTheEnd()
    {
        string path = "/" + new string('d', 700) + "/file.csv";
        MlflowBatch batch = MlflowClient.BatchFor(Run() with { InputPath = path }, 0);

        string value = batch.Params.Single(p => p.Key == "input_path").Value;
        Assert.Equal(MlflowClient.MaxParamValueLength, value.Length);
        Assert.EndsWith("/file.csv", value);
    }

    /// <summary>A web server that answers every request with an HTML page (a wrong --mlflow address).</summary>
    private sealed class HtmlServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public HtmlServer()
        {
            int port = FakeMlflowServer.FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Url = $"http://127.0.0.1:{port}";
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        HttpListenerContext c = await _listener.GetContextAsync();
                        byte[] page = Encoding.UTF8.GetBytes("<html>hello</html>");
                        c.Response.StatusCode = 200;
                        c.Response.OutputStream.Write(page);
                        c.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public string Url { get; }

        public void Dispose() => _listener.Close();
    }
}
