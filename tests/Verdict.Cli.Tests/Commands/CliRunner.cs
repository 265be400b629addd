using System.Text;
using System.Text.Json.Nodes;

namespace Verdict.Cli.Tests.Commands;

/// <summary>Runs the real command line in-process and captures its streams and exit code.</summary>
internal static class CliRunner
{
    /// <summary>The run history the tests write to: a private database, never the user's.</summary>
    public static readonly string HistoryPath = Path.Combine(Path.GetTempPath(), "verdict-tests-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "runs.db");

    private static readonly Verdict.Cli.Tracking.TrackingEnvironment History = new() { DatabasePath = HistoryPath };

    public static (int Code, string Out, string Err) RunWithInput(string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using Stream? input = stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        int code = CommandLine.Run(args, stdout, stderr, input, tracking: History);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static JsonObject Expected(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "expected", name + ".expected.json")))!.AsObject();

    public static void Close(double expected, JsonNode? actual, string what)
    {
        Assert.NotNull(actual);
        double a = actual!.GetValue<double>();
        Assert.True(Math.Abs(expected - a) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {a}");
    }

    public static string TempFile(string content, string extension = ".csv")
    {
        string path = Path.Combine(Path.GetTempPath(), "verdict-test-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(path, content);
        return path;
    }
}
