using System.CommandLine;
using System.Net;
using System.Text.RegularExpressions;
using Verdict.Cli.Input;
using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Reports.Html;
using Verdict.Web.Hosting;
using Verdict.Web.Reports;

namespace Verdict.Cli.Commands;

/// <summary>Settings of <c>verdict serve</c>.</summary>
internal sealed record ServeSettings
{
    public int Port { get; init; } = 5000;

    public string Host { get; init; } = "127.0.0.1";

    public long MaxUploadBytes { get; init; } = WebServerOptions.DefaultMaxUploadBytes;
}

/// <summary><c>verdict serve</c>: the calculator and report pages on a local web server.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "TCP port (default 5000; 0 picks a free one).", DefaultValueFactory = _ => 5000, HelpName = "PORT" };
        var host = new Option<string>("--host") { Description = "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens it to the network).", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDRESS" };
        var maxUpload = new Option<string?>("--max-upload") { Description = "Largest file the report page accepts (default 200MB; units KB, MB, GB).", HelpName = "SIZE" };
        var command = new Command("serve", "Web calculator and report pages: a local server with the metrics calculator (/) and the report of an uploaded prediction file (/report).\n\nExamples:\n  verdict serve\n  verdict serve --port 8080 --max-upload 1GB")
        {
            port, host, maxUpload,
        };
        command.SetAction((parse, cancel) => Task.FromResult(context.Run(() =>
        {
            string? limit = parse.GetValue(maxUpload);
            var settings = new ServeSettings
            {
                Port = parse.GetValue(port),
                Host = parse.GetValue(host) ?? "127.0.0.1",
                MaxUploadBytes = limit is null
                    ? WebServerOptions.DefaultMaxUploadBytes
                    : WebServerOptions.ParseBytes(limit) ?? throw new CliException($"--max-upload '{limit}' is not a size; use e.g. 200MB, 1GB or 500KB"),
            };
            return Execute(settings, context, cancel);
        })));
        return command;
    }

    public static int Execute(ServeSettings settings, CliContext context, CancellationToken cancel)
    {
        if (settings.Port is < 0 or > 65535)
        {
            throw new CliException($"--port {settings.Port} is out of range; use 1 to 65535 (or 0 for any free port)");
        }

        var options = new WebServerOptions { Host = settings.Host, Port = settings.Port, MaxUploadBytes = settings.MaxUploadBytes };
        VerdictWebServer server;
        try
        {
            server = VerdictWebServer.StartAsync(options, new CliReportService(), cancel).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new CliException($"cannot listen on {settings.Host}:{settings.Port} ({e.Message}); choose another port with --port, or --port 0 for any free one");
        }

        try
        {
            string url = server.Address.ToString();
            context.Out.WriteLine($"Verdict is serving on {url}");
            if (IPAddress.TryParse(server.Address.Host.Trim('[', ']'), out IPAddress? bound) && (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any)))
            {
                // Every interface: on this machine the pages are at localhost.
                url = new UriBuilder(server.Address) { Host = "localhost" }.Uri.ToString();
            }

            context.Out.WriteLine($"  calculator: {url}");
            context.Out.WriteLine($"  report:     {url}report");
            context.Out.WriteLine($"Uploads up to {WebServerOptions.FormatBytes(settings.MaxUploadBytes)}, kept in a temporary folder only while a request runs. Press Ctrl+C to stop.");
            context.Out.Flush();
            if (!IPAddress.IsLoopback(VerdictWebServer.ParseHost(settings.Host)))
            {
                context.Error.WriteLine($"verdict: warning: listening on {settings.Host}, not only on this machine: anyone who can reach it can use the pages and upload files.");
            }

            server.WaitForShutdownAsync(cancel).GetAwaiter().GetResult();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return ExitCodes.Success;
    }
}

/// <summary>
/// The report page's evaluation, done exactly as <c>verdict report</c> does it: the CLI's input layer reads the
/// uploaded file and <see cref="ReportCommand.Evaluate(ReportSettings, CliContext)"/> makes the report and, from the same columns, the score
/// charts of the HTML report. Errors come back as <see cref="ReportInputException"/> with the form field at fault
/// and the option names of the message replaced by the page's field names.
/// </summary>
internal sealed partial class CliReportService : IReportService
{
    /// <summary>Command-line options and the report page's field (name, label) for each.</summary>
    private static readonly Dictionary<string, (string Field, string Label)> Options = new(StringComparer.Ordinal)
    {
        ["--actual"] = ("actual", "Actual"),
        ["--predicted"] = ("predicted", "Predicted"),
        ["--weight"] = ("weight", "Weight"),
        ["--score"] = ("score", "Score"),
        ["--scores"] = ("scores", "Scores"),
        ["--threshold"] = ("threshold", "Threshold"),
        ["--top-k"] = ("top_k", "Top-k"),
        ["--normalize"] = ("normalize", "Normalize"),
        ["--labels"] = ("labels", "Labels"),
        ["--positive"] = ("positive", "Positive class"),
        ["--zero-division"] = ("zero_division", "Zero division"),
        ["--task"] = ("task", "Task"),
        ["--delimiter"] = ("delimiter", "Delimiter"),
        ["--on-bad-row"] = ("on_bad_row", "Bad rows"),
    };

    public IReadOnlyList<string> ReadColumns(string path, char? delimiter)
    {
        try
        {
            return TableReader.ReadHeader(path, new ReadOptions { Delimiter = delimiter });
        }
        catch (InputException e)
        {
            throw new ReportInputException(e.Message, "file");
        }
    }

    public ReportResult Evaluate(string path, ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReportSettings settings = Settings(path, request);
        var context = new CliContext(TextWriter.Null, TextWriter.Null);
        try
        {
            var charts = new ReportCommand.ChartSink();
            EvaluationReport report = ReportCommand.Evaluate(settings, context, charts);
            return new ReportResult(report, charts.Charts);
        }
        catch (CliException e)
        {
            throw new ReportInputException(ForPage(e.Message), FieldOf(e.Message));
        }
        catch (InputException e)
        {
            throw new ReportInputException(ForPage(e.Message), FieldOf(e, settings));
        }
        catch (ArgumentException e)
        {
            string message = e.Message;
            int note = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            message = note >= 0 ? message[..note] : message;
            throw new ReportInputException(ForPage(message), FieldOf(message));
        }
    }

    internal static ReportSettings Settings(string path, ReportRequest r) => new()
    {
        File = path,
        Actual = r.Actual,
        Predicted = r.Predicted,
        Weight = r.Weight,
        Score = r.Score,
        Scores = r.Scores,
        Threshold = r.Threshold,
        TopK = r.TopK,
        Normalize = r.Normalize,
        Labels = r.Labels,
        Positive = r.Positive,
        ZeroDivision = r.ZeroDivision,
        Task = r.Task,
        Format = "json",
        Input = new InputSettings { Delimiter = r.Delimiter, OnBadRow = r.SkipBadRows ? BadRowPolicy.Skip : BadRowPolicy.Error, Quiet = true },
    };

    /// <summary>The field of the first option a message names ("--actual" → "actual"), or null.</summary>
    internal static string? FieldOf(string message)
    {
        // "... needs the positive label; give --positive": the option after "give" is the one to fix.
        Match give = GiveOption().Match(message);
        if (give.Success && Options.TryGetValue(give.Groups[1].Value, out (string Field, string Label) fix))
        {
            return fix.Field;
        }

        foreach (Match m in OptionName().Matches(message))
        {
            if (Options.TryGetValue(m.Value, out (string Field, string Label) o))
            {
                return o.Field;
            }
        }

        return null;
    }

    /// <summary>The message with option names as the page's field labels: "(from --actual)" → "(from “Actual”)".</summary>
    internal static string ForPage(string message)
    {
        string text = message.Replace("pass --normalize", "tick “Normalize”", StringComparison.Ordinal);
        text = OptionName().Replace(text, m => Options.TryGetValue(m.Value, out (string Field, string Label) o) ? $"“{o.Label}”" : m.Value);
        return text.Replace("” COLUMN", "”", StringComparison.Ordinal).Replace("” COL", "”", StringComparison.Ordinal);
    }

    /// <summary>The field of a row problem: the option whose column it is in, else the file.</summary>
    private static string FieldOf(InputException e, ReportSettings s)
    {
        foreach (InputProblem p in e.Problems)
        {
            if (p.Column is not string column)
            {
                continue;
            }

            foreach ((string? given, string field) in new[] { (s.Actual, "actual"), (s.Predicted, "predicted"), (s.Score, "score"), (s.Weight, "weight") })
            {
                if (given is not null && given.Split(',', StringSplitOptions.TrimEntries).Contains(column))
                {
                    return field;
                }
            }

            if (s.Scores is not null && s.Scores.Any(c => c == column || c.EndsWith("=" + column, StringComparison.Ordinal)))
            {
                return "scores";
            }
        }

        return FieldOf(e.Message) ?? "file";
    }

    [GeneratedRegex("--[a-z][a-z-]*[a-z]")]
    private static partial Regex OptionName();

    [GeneratedRegex("\\bgive (--[a-z][a-z-]*[a-z])")]
    private static partial Regex GiveOption();
}
