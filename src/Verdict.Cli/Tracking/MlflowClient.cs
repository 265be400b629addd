using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>One metric value as MLflow logs it: key, value, timestamp (ms since the Unix epoch) and step.</summary>
/// <param name="Key">The metric key.</param>
/// <param name="Value">The value; NaN and ±∞ are sent as the strings "NaN", "Infinity", "-Infinity".</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch.</param>
/// <param name="Step">The step.</param>
internal sealed record MlflowMetric(string Key, double Value, long Timestamp, long Step);

/// <summary>The body of one <c>runs/log-batch</c> request (or, before <see cref="MlflowClient.Chunk"/>, of all of them).</summary>
/// <param name="Metrics">Metrics.</param>
/// <param name="Params">Params (key, value).</param>
/// <param name="Tags">Tags (key, value).</param>
internal sealed record MlflowBatch(IReadOnlyList<MlflowMetric> Metrics, IReadOnlyList<KeyValuePair<string, string>> Params,
                                   IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    /// <summary>Metrics, params and tags together.</summary>
    public int Count => Metrics.Count + Params.Count + Tags.Count;
}

/// <summary>Where a run went in MLflow.</summary>
/// <param name="ExperimentId">The experiment id.</param>
/// <param name="RunId">The MLflow run id.</param>
internal sealed record MlflowRunResult(string ExperimentId, string RunId);

/// <summary>An MLflow request that failed for good: the server said no, or could not be reached.</summary>
internal sealed class MlflowException : Exception
{
    public MlflowException()
    {
    }

    public MlflowException(string message)
        : base(message)
    {
    }

    public MlflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MlflowException(string message, bool unreachable, HttpStatusCode? status = null, string? errorCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Unreachable = unreachable;
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>Whether no HTTP answer came back (connection refused, DNS failure, timeout).</summary>
    public bool Unreachable { get; }

    /// <summary>The HTTP status of the final answer, or null.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>MLflow's error_code (e.g. RESOURCE_DOES_NOT_EXIST), or null.</summary>
    public string? ErrorCode { get; }
}

/// <summary>
/// How MLflow requests are retried, as MLflow's own clients do: on 429 and 5xx answers (500, 502, 503, 504) up to
/// <see cref="MaxRetries"/> times, waiting <see cref="Backoff"/> × 2^(n−1) before retry n (at most
/// <see cref="MaxDelay"/>, or the server's Retry-After); connection failures and timeouts up to
/// <see cref="ConnectionRetries"/> times.
/// </summary>
/// <param name="MaxRetries">Retries of a 429/5xx answer.</param>
/// <param name="Backoff">The first pause.</param>
/// <param name="MaxDelay">The longest pause.</param>
/// <param name="ConnectionRetries">Retries of a request that got no answer.</param>
/// <param name="Timeout">How long one attempt may take.</param>
internal sealed record MlflowRetryPolicy(int MaxRetries, TimeSpan Backoff, TimeSpan MaxDelay, int ConnectionRetries, TimeSpan Timeout)
{
    /// <summary>5 retries from 1 s, at most 60 s apart; 2 retries of a connection failure; 120 s per attempt.</summary>
    public static MlflowRetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 2, TimeSpan.FromSeconds(120));

    /// <summary>
    /// The default, changed by MLflow's variables when set: MLFLOW_HTTP_REQUEST_MAX_RETRIES,
    /// MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR (seconds) and MLFLOW_HTTP_REQUEST_TIMEOUT (seconds).
    /// </summary>
    public static MlflowRetryPolicy FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        MlflowRetryPolicy p = Default;
        if (int.TryParse(environment("MLFLOW_HTTP_REQUEST_MAX_RETRIES"), NumberStyles.None, CultureInfo.InvariantCulture, out int retries))
        {
            p = p with { MaxRetries = retries };
        }

        if (double.TryParse(environment("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor >= 0 && factor < 3600)
        {
            p = p with { Backoff = TimeSpan.FromSeconds(factor) };
        }

        if (double.TryParse(environment("MLFLOW_HTTP_REQUEST_TIMEOUT"), NumberStyles.Float, CultureInfo.InvariantCulture, out double timeout) && timeout > 0 && timeout < 86400)
        {
            p = p with { Timeout = TimeSpan.FromSeconds(timeout) };
        }

        return p;
    }

    /// <summary>The pause before retry <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        double seconds = Backoff.TotalSeconds * Math.Pow(2, Math.Max(0, retry - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
    }
}

/// <summary>
/// A small client of MLflow's tracking REST API (2.0): <c>experiments/get-by-name</c>, <c>experiments/create</c>,
/// <c>runs/create</c>, <c>runs/log-batch</c> (chunked to MLflow's limits) and <c>runs/update</c>.
/// </summary>
/// <remarks>
/// Authentication as MLflow's clients do: <c>MLFLOW_TRACKING_USERNAME</c> and <c>MLFLOW_TRACKING_PASSWORD</c> give
/// HTTP basic auth; otherwise <c>MLFLOW_TRACKING_TOKEN</c> gives <c>Authorization: Bearer TOKEN</c>.
/// NaN and ±∞ metric values are sent as the JSON strings "NaN", "Infinity" and "-Infinity" (protobuf's JSON mapping,
/// which the MLflow server parses).
/// </remarks>
internal sealed class MlflowClient : IDisposable
{
    /// <summary>MLflow's limit of metrics in one log-batch request.</summary>
    public const int MaxMetricsPerBatch = 1000;

    /// <summary>MLflow's limit of params in one log-batch request.</summary>
    public const int MaxParamsPerBatch = 100;

    /// <summary>MLflow's limit of tags in one log-batch request.</summary>
    public const int MaxTagsPerBatch = 100;

    /// <summary>MLflow's limit of metrics, params and tags together in one log-batch request.</summary>
    public const int MaxEntitiesPerBatch = 1000;

    /// <summary>The longest param value every MLflow version accepts.</summary>
    public const int MaxParamValueLength = 500;

    /// <summary>The longest tag value every MLflow version accepts.</summary>
    public const int MaxTagValueLength = 5000;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly AuthenticationHeaderValue? _auth;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<DateTimeOffset> _clock;
    private readonly MlflowRetryPolicy _retry;

    /// <summary>A client of the server at <paramref name="trackingUri"/> (http or https).</summary>
    public MlflowClient(Uri trackingUri, Func<string, string?> environment, HttpMessageHandler? handler = null,
                        Func<TimeSpan, CancellationToken, Task>? delay = null, MlflowRetryPolicy? retry = null,
                        Func<DateTimeOffset>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(trackingUri);
        ArgumentNullException.ThrowIfNull(environment);
        if (!trackingUri.IsAbsoluteUri || (trackingUri.Scheme != Uri.UriSchemeHttp && trackingUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--mlflow '{trackingUri}' is not an http(s) URI; give the tracking server, e.g. http://127.0.0.1:5000", nameof(trackingUri));
        }

        TrackingUri = trackingUri;
        string text = trackingUri.GetLeftPart(UriPartial.Path);
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
        _auth = Authentication(environment);
        _delay = delay ?? Task.Delay;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        _retry = retry ?? MlflowRetryPolicy.FromEnvironment(environment);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = _retry.Timeout;
    }

    /// <summary>The tracking server.</summary>
    public Uri TrackingUri { get; }

    /// <summary>The Authorization header MLflow's environment variables give, or null.</summary>
    public static AuthenticationHeaderValue? Authentication(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? user = environment("MLFLOW_TRACKING_USERNAME"), password = environment("MLFLOW_TRACKING_PASSWORD");
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password))
        {
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        string? token = environment("MLFLOW_TRACKING_TOKEN");
        return string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// Logs <paramref name="run"/> as a new MLflow run in <paramref name="experiment"/> (created if missing): creates
    /// the run, logs its metrics at <paramref name="step"/>, params and tags (<see cref="BatchFor"/>) and marks it
    /// FINISHED; when logging fails after the run exists, marks it FAILED (if the server is still reachable) and throws.
    /// </summary>
    public Task<MlflowRunResult> LogRunAsync(RunRecord run, string experiment, long step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return LogRunAsync(run, experiment, BatchFor(run, step), RunStatus.Finished, cancellationToken);
    }

    /// <summary>
    /// Logs <paramref name="batch"/> as a new MLflow run in <paramref name="experiment"/> (created if missing), named
    /// and timed as <paramref name="run"/>: creates the run, logs the batch (<see cref="LogBatchAsync"/>) and sets
    /// <paramref name="status"/>; when logging fails after the run exists, marks it FAILED (if the server is still
    /// reachable) and throws.
    /// </summary>
    public async Task<MlflowRunResult> LogRunAsync(RunRecord run, string experiment, MlflowBatch batch, RunStatus status,
                                                   CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(batch);
        string experimentId = await GetOrCreateExperimentAsync(experiment, cancellationToken).ConfigureAwait(false);
        var createTags = new List<KeyValuePair<string, string>>
        {
            new("mlflow.user", Environment.UserName),
            new("mlflow.source.name", "verdict " + run.Command),
            new("mlflow.source.type", "LOCAL"),
        };
        string runId = await CreateRunAsync(experimentId, run.Name, run.Time, createTags, cancellationToken).ConfigureAwait(false);
        try
        {
            await LogBatchAsync(runId, batch, cancellationToken).ConfigureAwait(false);
            await UpdateRunAsync(runId, StatusName(status), cancellationToken).ConfigureAwait(false);
        }
        catch (MlflowException e) when (!e.Unreachable)
        {
            try
            {
                await UpdateRunAsync(runId, "FAILED", cancellationToken).ConfigureAwait(false);
            }
            catch (MlflowException)
            {
                // The original failure is the one to report.
            }

            throw;
        }

        return new MlflowRunResult(experimentId, runId);
    }

    /// <summary>MLflow's name of a run status: FINISHED, FAILED or KILLED.</summary>
    public static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "the status is Finished, Failed or Killed"),
    };

    /// <summary>A param value within MLflow's limit: a longer value is cut to its last characters after "…" (a path keeps its end).</summary>
    public static string CutParamValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaxParamValueLength ? value : "…" + value[^(MaxParamValueLength - 1)..];
    }

    /// <summary>
    /// What a run logs: every metric (<see cref="RunRecord.AllMetrics"/>) at the run's time and <paramref name="step"/>;
    /// params command, input_path, input_size, input_sha256, spec_sha256, threshold, averaging, positive, task, rows
    /// (those the run has; values cut to <see cref="MaxParamValueLength"/>); tags mlflow.source.git.commit,
    /// verdict.version, verdict.command_line, verdict.gate, verdict.gate_failures, verdict.local_run_id and the user's.
    /// </summary>
    public static MlflowBatch BatchFor(RunRecord run, long step)
    {
        ArgumentNullException.ThrowIfNull(run);
        long timestamp = run.Time.ToUnixTimeMilliseconds();
        var metrics = run.AllMetrics().Select(m => new MlflowMetric(m.Key, m.Value, timestamp, step)).ToList();
        var parameters = new List<KeyValuePair<string, string>>();
        void Param(string key, string? value)
        {
            if (value is not null)
            {
                parameters.Add(new(key, CutParamValue(value)));
            }
        }

        Param("command", run.Command);
        Param("input_path", run.InputPath);
        Param("input_size", run.InputSize?.ToString(CultureInfo.InvariantCulture));
        Param("input_sha256", run.InputSha256);
        Param("spec_sha256", run.SpecSha256);
        Param("threshold", run.Threshold is double threshold ? RunRender.Number(threshold) : null);
        Param("averaging", run.Averaging);
        Param("positive", run.Positive);
        Param("task", run.Task);
        Param("rows", run.Rows?.ToString(CultureInfo.InvariantCulture));
        var tags = new List<KeyValuePair<string, string>>();
        void Tag(string key, string? value)
        {
            if (value is not null)
            {
                tags.Add(new(key, value.Length <= MaxTagValueLength ? value : value[..(MaxTagValueLength - 1)] + "…"));
            }
        }

        Tag("mlflow.source.git.commit", run.GitCommit);
        Tag("verdict.version", run.ToolVersion);
        Tag("verdict.command_line", run.CommandLine.Length == 0 ? null : run.CommandLine);
        Tag("verdict.gate", RunRender.Gate(run.Gate));
        Tag("verdict.gate_failures", run.GateFailures.Count == 0 ? null : string.Join("\n", run.GateFailures));
        Tag("verdict.local_run_id", run.Id > 0 ? run.Id.ToString(CultureInfo.InvariantCulture) : null);
        foreach (KeyValuePair<string, string> t in run.Tags)
        {
            Tag(t.Key, t.Value);
        }

        return new MlflowBatch(metrics, parameters, tags);
    }

    /// <summary>
    /// Splits a batch into requests within MLflow's limits: at most 1000 metrics, 100 params, 100 tags and 1000
    /// entities in all per request. Params and tags go first, metrics fill the rest; order is kept.
    /// </summary>
    public static IReadOnlyList<MlflowBatch> Chunk(MlflowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var chunks = new List<MlflowBatch>();
        int m = 0, p = 0, t = 0;
        do
        {
            int np = Math.Min(MaxParamsPerBatch, batch.Params.Count - p);
            int nt = Math.Min(MaxTagsPerBatch, batch.Tags.Count - t);
            int nm = Math.Min(Math.Min(MaxMetricsPerBatch, MaxEntitiesPerBatch - np - nt), batch.Metrics.Count - m);
            chunks.Add(new MlflowBatch(
                [.. batch.Metrics.Skip(m).Take(nm)],
                [.. batch.Params.Skip(p).Take(np)],
                [.. batch.Tags.Skip(t).Take(nt)]));
            (m, p, t) = (m + nm, p + np, t + nt);
        }
        while (m < batch.Metrics.Count || p < batch.Params.Count || t < batch.Tags.Count);
        return chunks;
    }

    /// <summary>The id of the experiment named <paramref name="name"/>, created when it does not exist.</summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string? id = await GetExperimentAsync(name, cancellationToken).ConfigureAwait(false);
        if (id is not null)
        {
            return id;
        }

        try
        {
            using JsonDocument created = await SendAsync(HttpMethod.Post, "experiments/create", Body(w => w.WriteString("name", name)), cancellationToken).ConfigureAwait(false);
            return Text(created.RootElement, "experiment_id") ?? throw new MlflowException($"MLflow experiments/create answered without an experiment_id for '{name}'", unreachable: false);
        }
        catch (MlflowException e) when (e.ErrorCode == "RESOURCE_ALREADY_EXISTS")
        {
            // Another client created it meanwhile.
            return await GetExperimentAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new MlflowException($"MLflow says experiment '{name}' exists but cannot find it by name", unreachable: false);
        }
    }

    /// <summary>Creates a run; returns its id.</summary>
    public async Task<string> CreateRunAsync(string experimentId, string? runName, DateTimeOffset start,
                                             IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        byte[] body = Body(w =>
        {
            w.WriteString("experiment_id", experimentId);
            w.WriteNumber("start_time", start.ToUnixTimeMilliseconds());
            if (runName is not null)
            {
                w.WriteString("run_name", runName);
            }

            w.WriteStartArray("tags");
            if (runName is not null)
            {
                WritePair(w, "mlflow.runName", runName);
            }

            foreach (KeyValuePair<string, string> t in tags)
            {
                WritePair(w, t.Key, t.Value);
            }

            w.WriteEndArray();
        });
        using JsonDocument answer = await SendAsync(HttpMethod.Post, "runs/create", body, cancellationToken).ConfigureAwait(false);
        if (answer.RootElement.TryGetProperty("run", out JsonElement run) && run.TryGetProperty("info", out JsonElement info))
        {
            string? id = Text(info, "run_id") ?? Text(info, "run_uuid");
            if (id is not null)
            {
                return id;
            }
        }

        throw new MlflowException("MLflow runs/create answered without run.info.run_id", unreachable: false);
    }

    /// <summary>Logs a batch in as many requests as MLflow's limits need (<see cref="Chunk"/>).</summary>
    public async Task LogBatchAsync(string runId, MlflowBatch batch, CancellationToken cancellationToken = default)
    {
        foreach (MlflowBatch chunk in Chunk(batch))
        {
            if (chunk.Count == 0)
            {
                continue;
            }

            byte[] body = Body(w =>
            {
                w.WriteString("run_id", runId);
                w.WriteStartArray("metrics");
                foreach (MlflowMetric m in chunk.Metrics)
                {
                    w.WriteStartObject();
                    w.WriteString("key", m.Key);
                    WriteDouble(w, "value", m.Value);
                    w.WriteNumber("timestamp", m.Timestamp);
                    w.WriteNumber("step", m.Step);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("params");
                foreach (KeyValuePair<string, string> p in chunk.Params)
                {
                    WritePair(w, p.Key, p.Value);
                }

                w.WriteEndArray();
                w.WriteStartArray("tags");
                foreach (KeyValuePair<string, string> t in chunk.Tags)
                {
                    WritePair(w, t.Key, t.Value);
                }

                w.WriteEndArray();
            });
            using JsonDocument _ = await SendAsync(HttpMethod.Post, "runs/log-batch", body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets a run's status (FINISHED, FAILED, KILLED) and end time (now).</summary>
    public async Task UpdateRunAsync(string runId, string status, CancellationToken cancellationToken = default)
    {
        byte[] body = Body(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("run_uuid", runId);
            w.WriteString("status", status);
            w.WriteNumber("end_time", _clock().ToUnixTimeMilliseconds());
        });
        using JsonDocument _ = await SendAsync(HttpMethod.Post, "runs/update", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    /// <summary>A metric value as protobuf's JSON mapping writes a double: a number, or "NaN", "Infinity", "-Infinity".</summary>
    internal static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private async Task<string?> GetExperimentAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using JsonDocument found = await SendAsync(HttpMethod.Get, "experiments/get-by-name?experiment_name=" + Uri.EscapeDataString(name), null, cancellationToken).ConfigureAwait(false);
            if (!found.RootElement.TryGetProperty("experiment", out JsonElement experiment))
            {
                throw new MlflowException($"MLflow experiments/get-by-name answered without an experiment for '{name}'", unreachable: false);
            }

            if (Text(experiment, "lifecycle_stage") == "deleted")
            {
                throw new MlflowException($"MLflow experiment '{name}' is deleted; restore it (mlflow experiments restore) or choose another --experiment", unreachable: false);
            }

            return Text(experiment, "experiment_id");
        }
        catch (MlflowException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            return null;
        }
    }

    private static void WritePair(Utf8JsonWriter w, string key, string value)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static byte[] Body(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string? Text(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Sends one API request, retrying per <see cref="MlflowRetryPolicy"/>; returns the answer's JSON.</summary>
    private async Task<JsonDocument> SendAsync(HttpMethod method, string endpoint, byte[]? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, "api/2.0/mlflow/" + endpoint);
        string name = endpoint.Split('?')[0];
        int retries = 0, connectionRetries = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = _auth;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                                      && connectionRetries < _retry.ConnectionRetries)
            {
                connectionRetries++;
                await _delay(_retry.DelayBefore(connectionRetries), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                string why = e is TaskCanceledException ? $"no answer within {_retry.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s" : e.Message;
                throw new MlflowException($"cannot reach MLflow at {TrackingUri} ({name}): {why}; tried {connectionRetries + 1} times", unreachable: true, inner: e);
            }

            using (response)
            {
                string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
                    }
                    catch (JsonException e)
                    {
                        throw new MlflowException($"MLflow {name} at {TrackingUri} answered {(int)response.StatusCode} with something other than JSON; is --mlflow the tracking server's address?", unreachable: false, response.StatusCode, inner: e);
                    }
                }

                if (IsRetryable(response.StatusCode) && retries < _retry.MaxRetries)
                {
                    retries++;
                    TimeSpan wait = _retry.DelayBefore(retries);
                    if (response.Headers.RetryAfter?.Delta is TimeSpan after)
                    {
                        wait = after < _retry.MaxDelay ? after : _retry.MaxDelay;
                    }

                    await _delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                (string? code, string? message) = ErrorOf(text);
                string detail = code is null ? Shorten(text) : $"{code}: {message}";
                string tries = retries > 0 ? $" after {retries + 1} attempts" : string.Empty;
                string hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? " (set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)"
                    : string.Empty;
                throw new MlflowException($"MLflow {name} at {TrackingUri} failed with HTTP {(int)response.StatusCode}{tries}: {detail}{hint}",
                    unreachable: false, response.StatusCode, code);
            }
        }
    }

    private static (string? Code, string? Message) ErrorOf(string text)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            return (Text(doc.RootElement, "error_code"), Text(doc.RootElement, "message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string Shorten(string text)
    {
        string t = text.ReplaceLineEndings(" ").Trim();
        return t.Length == 0 ? "(empty answer)" : t.Length <= 200 ? t : t[..200] + "…";
    }
}
