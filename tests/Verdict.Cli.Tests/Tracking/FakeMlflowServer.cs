using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.Cli.Tests.Tracking;

/// <summary>One request the fake server received.</summary>
internal sealed record RecordedRequest(string Method, string Endpoint, string Query, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body.Length == 0 ? "{}" : Body).RootElement;
}

/// <summary>
/// An MLflow tracking server stand-in on 127.0.0.1 (HttpListener): the REST endpoints verdict calls, with MLflow's
/// answers, error bodies and log-batch limits; every request is recorded; failures can be scripted per endpoint.
/// </summary>
internal sealed class FakeMlflowServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly List<RecordedRequest> _requests = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body, string? RetryAfter)>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Id, string Stage)> _experiments = new(StringComparer.Ordinal);
    private int _runs;

    public FakeMlflowServer()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Url = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(Serve);
    }

    public string Url { get; }

    /// <summary>When set, requests without exactly this Authorization header get 401.</summary>
    public string? RequiredAuthorization { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> To(string endpoint) => [.. Requests.Where(r => r.Endpoint == endpoint)];

    /// <summary>Every metric, param and tag logged per run id.</summary>
    public ConcurrentDictionary<string, (List<JsonNode> Metrics, List<JsonNode> Params, List<JsonNode> Tags, string Status)> Runs { get; } = new(StringComparer.Ordinal);

    public void AddExperiment(string name, string id, string stage = "active")
    {
        lock (_experiments)
        {
            _experiments[name] = (id, stage);
        }
    }

    /// <summary>The next requests to <paramref name="endpoint"/> get these statuses (with an MLflow error body) instead of an answer.</summary>
    public void Fail(string endpoint, params int[] statuses)
    {
        foreach (int status in statuses)
        {
            Fail(endpoint, status, null);
        }
    }

    public void Fail(string endpoint, int status, string? retryAfter, string errorCode = "TEMPORARILY_UNAVAILABLE", string message = "try again")
    {
        string body = new JsonObject { ["error_code"] = errorCode, ["message"] = message }.ToJsonString();
        _faults.GetOrAdd(endpoint, _ => new()).Enqueue((status, body, retryAfter));
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on (connections are refused).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        const string prefix = "/api/2.0/mlflow/";
        string path = request.Url!.AbsolutePath;
        string endpoint = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
        var recorded = new RecordedRequest(request.HttpMethod, endpoint, request.Url.Query, request.Headers["Authorization"], body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        if (RequiredAuthorization is not null && recorded.Authorization != RequiredAuthorization)
        {
            Reply(context, 401, Error("UNAUTHENTICATED", "You are not authenticated"));
            return;
        }

        if (_faults.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault))
        {
            if (fault.RetryAfter is not null)
            {
                context.Response.AddHeader("Retry-After", fault.RetryAfter);
            }

            Reply(context, fault.Status, fault.Body);
            return;
        }

        (int status, string answer) = (request.HttpMethod, endpoint) switch
        {
            ("GET", "experiments/get-by-name") => GetByName(Uri.UnescapeDataString(request.QueryString["experiment_name"] ?? string.Empty)),
            ("POST", "experiments/create") => CreateExperiment(recorded.Json),
            ("POST", "runs/create") => CreateRun(recorded.Json),
            ("POST", "runs/log-batch") => LogBatch(recorded.Json),
            ("POST", "runs/update") => UpdateRun(recorded.Json),
            _ => (404, Error("ENDPOINT_NOT_FOUND", $"no {request.HttpMethod} {path}")),
        };
        Reply(context, status, answer);
    }

    private (int, string) GetByName(string name)
    {
        lock (_experiments)
        {
            return _experiments.TryGetValue(name, out var e)
                ? (200, new JsonObject { ["experiment"] = new JsonObject { ["experiment_id"] = e.Id, ["name"] = name, ["lifecycle_stage"] = e.Stage } }.ToJsonString())
                : (404, Error("RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'"));
        }
    }

    private (int, string) CreateExperiment(JsonElement body)
    {
        string name = body.GetProperty("name").GetString()!;
        lock (_experiments)
        {
            if (_experiments.ContainsKey(name))
            {
                return (400, Error("RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists."));
            }

            string id = (_experiments.Count + 1).ToString(CultureInfo.InvariantCulture);
            _experiments[name] = (id, "active");
            return (200, new JsonObject { ["experiment_id"] = id }.ToJsonString());
        }
    }

    private (int, string) CreateRun(JsonElement body)
    {
        string id = "run" + Interlocked.Increment(ref _runs).ToString(CultureInfo.InvariantCulture);
        Runs[id] = ([], [], [], "RUNNING");
        var info = new JsonObject { ["run_id"] = id, ["run_uuid"] = id, ["experiment_id"] = body.GetProperty("experiment_id").GetString(), ["status"] = "RUNNING" };
        return (200, new JsonObject { ["run"] = new JsonObject { ["info"] = info, ["data"] = new JsonObject() } }.ToJsonString());
    }

    private (int, string) LogBatch(JsonElement body)
    {
        JsonNode node = JsonNode.Parse(body.GetRawText())!;
        JsonArray metrics = node["metrics"]?.AsArray() ?? [], parameters = node["params"]?.AsArray() ?? [], tags = node["tags"]?.AsArray() ?? [];
        // MLflow's own checks (mlflow/utils/validation.py _validate_batch_limit).
        if (metrics.Count > 1000 || parameters.Count > 100 || tags.Count > 100 || metrics.Count + parameters.Count + tags.Count > 1000)
        {
            return (400, Error("INVALID_PARAMETER_VALUE", "A batch logging request can contain at most 1000 metrics, 100 params, 100 tags and 1000 items in total."));
        }

        string runId = node["run_id"]!.GetValue<string>();
        if (!Runs.TryGetValue(runId, out var run))
        {
            return (404, Error("RESOURCE_DOES_NOT_EXIST", $"Run '{runId}' not found"));
        }

        lock (run.Metrics)
        {
            run.Metrics.AddRange(metrics.Select(m => m!.DeepClone()));
            run.Params.AddRange(parameters.Select(m => m!.DeepClone()));
            run.Tags.AddRange(tags.Select(m => m!.DeepClone()));
        }

        return (200, "{}");
    }

    private (int, string) UpdateRun(JsonElement body)
    {
        string runId = body.GetProperty("run_id").GetString()!;
        string status = body.GetProperty("status").GetString()!;
        if (Runs.TryGetValue(runId, out var run))
        {
            Runs[runId] = run with { Status = status };
        }

        return (200, new JsonObject { ["run_info"] = new JsonObject { ["run_id"] = runId, ["status"] = status } }.ToJsonString());
    }

    private static string Error(string code, string message) => new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString();

    private static void Reply(HttpListenerContext context, int status, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }
}
