namespace Verdict.Cli;

/// <summary>The <c>verdict</c> command's entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the exit code (0 success, 1 a gate failed, 2 bad input or usage).</summary>
    public static int Main(string[] args)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        int code = CommandLine.Run(args, stdout, Console.Error, null, !Console.IsErrorRedirected);
        stdout.Flush();
        return code;
    }
}
