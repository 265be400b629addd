using System.Net.Http.Headers;
using Verdict.Cli.Commands;
using Verdict.Web.Hosting;
using Verdict.Web.Reports;

namespace Verdict.Web.Tests;

/// <summary>
/// Two real servers on 127.0.0.1 with free ports, evaluating with the CLI's report service: one with the default
/// upload limit and one with a 64 KB limit (digits.csv, 380 KB, is too large for it).
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const long SmallLimit = 64 * 1024;

    public VerdictWebServer Server { get; private set; } = null!;

    public VerdictWebServer SmallServer { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient SmallClient { get; private set; } = null!;

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public async Task InitializeAsync()
    {
        Server = await VerdictWebServer.StartAsync(new WebServerOptions { Port = 0 }, new CliReportService());
        SmallServer = await VerdictWebServer.StartAsync(new WebServerOptions { Port = 0, MaxUploadBytes = SmallLimit }, new CliReportService());
        Client = new HttpClient { BaseAddress = Server.Address };
        SmallClient = new HttpClient { BaseAddress = SmallServer.Address };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        SmallClient.Dispose();
        await Server.DisposeAsync();
        await SmallServer.DisposeAsync();
    }

    /// <summary>A multipart form with a sample file and text fields.</summary>
    public static MultipartFormDataContent Form(string? file, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var content = new ByteArrayContent(File.ReadAllBytes(Sample(file)));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "file", file);
        }

        foreach ((string name, string value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}

[CollectionDefinition("server")]
public sealed class ServerTestGroup : ICollectionFixture<ServerFixture>
{
}
