namespace Verdict.Cli;

/// <summary>A problem with the command line or its input that the user can fix; exit code 2 unless given.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.BadInput)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.BadInput;
}

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A gate (quality rule) failed.</summary>
    public const int GateFailed = 1;

    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;
}
