using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verdict.Web.Api;
using Verdict.Web.Reports;

namespace Verdict.Web.Hosting;

/// <summary>
/// The server of <c>verdict serve</c>: the calculator page (<c>/</c>), the report page (<c>/report</c>), their embedded
/// styles and scripts (<c>/assets/...</c>) and the JSON API (<c>/api/counts</c>, <c>/api/report</c>,
/// <c>/api/columns</c>, <c>/api/samples</c>, <c>/api/config</c>). Every number comes from the Verdict library; the
/// pages only send input and show the answers.
/// </summary>
/// <example>
/// <code>
/// await using VerdictWebServer server = await VerdictWebServer.StartAsync(new WebServerOptions { Port = 0 }, reports);
/// Console.WriteLine(server.Address);   // http://127.0.0.1:41234/
/// await server.WaitForShutdownAsync();
/// </code>
/// </example>
public sealed class VerdictWebServer : IAsyncDisposable
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private readonly WebApplication _app;
    private readonly UploadFolder _uploads;
    private bool _disposed;

    private VerdictWebServer(WebApplication app, UploadFolder uploads, Uri address, WebServerOptions options)
    {
        _app = app;
        _uploads = uploads;
        Address = address;
        Options = options;
    }

    /// <summary>The address the server answers on, e.g. <c>http://127.0.0.1:5000/</c> (the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>The options the server was started with.</summary>
    public WebServerOptions Options { get; }

    /// <summary>The server's temporary folder for uploads (deleted when it stops).</summary>
    public string UploadFolderPath => _uploads.Root;

    /// <summary>Starts the server and returns once it is listening.</summary>
    /// <exception cref="ArgumentException">The host is not an IP address or "localhost", or the port or upload limit is out of range.</exception>
    /// <exception cref="IOException">The address is in use.</exception>
    public static async Task<VerdictWebServer> StartAsync(WebServerOptions options, IReportService reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reports);
        IPAddress address = ParseHost(options.Host);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Port {options.Port} is out of range; use 1 to 65535 (or 0 for any free port)."), nameof(options));
        }

        if (options.MaxUploadBytes < 1)
        {
            throw new ArgumentException("The upload limit must be at least one byte.", nameof(options));
        }

        UploadFolder uploads = UploadFolder.Create(options.TempDirectory);
        WebApplication? app = null;
        try
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(VerdictWebServer).Assembly.GetName().Name,
                ContentRootPath = uploads.Root,
                EnvironmentName = Environments.Production,
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A failed start (port in use) is reported by the caller in one line, not as the host's stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = CountsApi.MaxBodyBytes;
                kestrel.Listen(address, options.Port);
            });
            app = builder.Build();
            Map(app, options, reports, uploads, address);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            uploads.Dispose();
            throw;
        }

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? string.Create(CultureInfo.InvariantCulture, $"http://{options.Host}:{options.Port}");
        return new VerdictWebServer(app, uploads, new Uri(bound.TrimEnd('/') + "/"), options);
    }

    /// <summary>Waits until the server is stopped (Ctrl+C, SIGTERM, <see cref="StopAsync"/>) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
    }

    /// <summary>Stops accepting requests, lets running ones finish, and deletes the temporary folder.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        _uploads.Dispose();
    }

    /// <summary>Stops the server and deletes its temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _uploads.Dispose();
        }
    }

    /// <summary>The IP address for <paramref name="host"/>: an IPv4 or IPv6 literal, or "localhost" (127.0.0.1).</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static IPAddress ParseHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string h = host.Trim().Trim('[', ']');
        if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(h, out IPAddress? ip)
            ? ip
            : throw new ArgumentException($"Host '{host}' is not an IP address; use 127.0.0.1 (this machine only, the default), localhost, or 0.0.0.0 (every network interface).", nameof(host));
    }

    private static void Map(WebApplication app, WebServerOptions options, IReportService reports, UploadFolder uploads, IPAddress address)
    {
        ILogger logger = app.Logger;
        bool loopbackOnly = IPAddress.IsLoopback(address);
        long maxUpload = options.MaxUploadBytes;
        app.Use(async (context, next) =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "SAMEORIGIN";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;

            // Bound to loopback, answer only requests addressed to this machine (no DNS rebinding from a web page).
            if (loopbackOnly && !LoopbackHosts.Contains(context.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
            {
                await ApiResponses.Error(context, StatusCodes.Status400BadRequest, "This server answers only requests to localhost or 127.0.0.1.", null).ConfigureAwait(false);
                return;
            }

            await ErrorBoundary(context, next, logger, maxUpload).ConfigureAwait(false);
        });

        var reportApi = new ReportApi(reports, uploads, maxUpload);
        app.MapGet("/", context => Asset(context, "wwwroot/calculator.html"));
        app.MapGet("/calculator", context => Asset(context, "wwwroot/calculator.html"));
        app.MapGet("/report", context => Asset(context, "wwwroot/report.html"));
        app.MapGet("/assets/{name}", context => Asset(context, "wwwroot/" + (string?)context.Request.RouteValues["name"]));
        app.MapGet("/favicon.ico", context => Asset(context, "wwwroot/favicon.svg"));
        app.MapGet("/api/config", context => ApiResponses.Json(context, new JsonObject
        {
            ["max_upload_bytes"] = maxUpload,
            ["max_upload"] = WebServerOptions.FormatBytes(maxUpload),
            ["too_large"] = UploadForm.TooLarge(maxUpload).Message,
            ["version"] = typeof(VerdictWebServer).Assembly.GetName().Version?.ToString(3),
        }));
        app.MapGet("/api/samples", context => ApiResponses.Json(context, new JsonArray([.. Samples.All.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["title"] = s.Title,
            ["options"] = new JsonObject([.. s.Options.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)JsonValue.Create(o.Value)))]),
        })])));
        app.MapPost("/api/counts", CountsApi.Handle);
        app.MapPost("/api/columns", reportApi.Columns);
        app.MapPost("/api/report", reportApi.Report);
        app.Map("/api/{**rest}", context => ApiResponses.Error(context, StatusCodes.Status404NotFound,
            $"There is no API endpoint {context.Request.Method} {context.Request.Path}; see docs/web.md.", null));
    }

    private static async Task ErrorBoundary(HttpContext context, RequestDelegate next, ILogger logger, long maxUpload)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await ApiResponses.Error(context, e.StatusCode, e.Message, e.Field).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            ApiException error = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? context.Request.Path.StartsWithSegments("/api/counts", StringComparison.Ordinal)
                    ? new ApiException(e.StatusCode, "The request is too large; the calculator takes at most 10,000 rows.", "rows")
                    : UploadForm.TooLarge(maxUpload)
                : new ApiException(e.StatusCode, "The request could not be read: " + e.Message, null);
            await ApiResponses.Error(context, error.StatusCode, error.Message, error.Field).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // Details go to the server's console, never to the browser.
            Log.Unhandled(logger, e, context.Request.Method, context.Request.Path);
            await ApiResponses.Error(context, StatusCodes.Status500InternalServerError,
                "The server could not complete the request (an internal error). The details are in the server's console.", null).ConfigureAwait(false);
        }
    }

    private static Task Asset(HttpContext context, string name)
    {
        if (EmbeddedAssets.Find(name) is not { } asset)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("Not found.", context.RequestAborted);
        }

        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        return context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}

/// <summary>The server's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);
}
