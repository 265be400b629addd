namespace Verdict.Cli;

/// <summary>Builds and runs the command tree.</summary>
internal static class CommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        stderr.WriteLine("verdict: no commands yet");
        return 2;
    }
}
