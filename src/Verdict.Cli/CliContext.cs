using Verdict.Cli.Input;
using Verdict.Cli.Tracking;

namespace Verdict.Cli;

/// <summary>What a command runs with: its standard streams, and the error handling that turns exceptions into exit codes.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, Stream? stdin = null, bool stderrIsTerminal = false)
    {
        Out = stdout;
        Error = stderr;
        StandardInput = stdin;
        StderrIsTerminal = stderrIsTerminal;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public Stream? StandardInput { get; }

    public bool StderrIsTerminal { get; }

    /// <summary>What run tracking reads from the world (environment, clock, database path, HTTP); tests replace it.</summary>
    public TrackingEnvironment Tracking { get; init; } = TrackingEnvironment.Process;

    /// <summary>Runs a command body: user errors print one clear message and exit 2, nothing is written to --output.</summary>
    public int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliException e)
        {
            Error.WriteLine($"verdict: error: {e.Message}");
            return e.ExitCode;
        }
        catch (InputException e)
        {
            Error.WriteLine($"verdict: error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ArgumentException e)
        {
            Error.WriteLine($"verdict: error: {FirstLine(e.Message)}");
            return ExitCodes.BadInput;
        }
    }

    private static string FirstLine(string message)
    {
        int paramNote = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return paramNote >= 0 ? message[..paramNote] : message;
    }
}
