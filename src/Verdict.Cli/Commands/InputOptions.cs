using System.CommandLine;
using Verdict.Cli.Input;
using Verdict.Cli.Output;

namespace Verdict.Cli.Commands;

/// <summary>Options every command that reads a prediction file shares.</summary>
internal sealed record InputSettings
{
    public char? Delimiter { get; init; }

    public BadRowPolicy OnBadRow { get; init; }

    public bool Quiet { get; init; }

    public ReadOptions ToReadOptions(CliContext context) => new()
    {
        Delimiter = Delimiter,
        OnBadRow = OnBadRow,
        Progress = Quiet || !context.StderrIsTerminal ? null : new ProgressBar(context.Error),
    };
}

/// <summary>Adds <c>--delimiter</c>, <c>--on-bad-row</c> and <c>--quiet</c> to a command and reads them back.</summary>
internal sealed class InputOptions
{
    private readonly Option<string?> _delimiter = new("--delimiter") { Description = "Field delimiter (default: tab for .tsv, else comma; 'tab' for a tab).", HelpName = "CHAR" };
    private readonly Option<string?> _onBadRow = new("--on-bad-row") { Description = "error (default): stop on bad rows; skip: leave them out and say how many.", HelpName = "error|skip" };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "No progress bar." };

    public static InputOptions AddTo(Command command)
    {
        var o = new InputOptions();
        command.Options.Add(o._delimiter);
        command.Options.Add(o._onBadRow);
        command.Options.Add(o._quiet);
        return o;
    }

    public InputSettings Read(ParseResult parse)
    {
        string? d = parse.GetValue(_delimiter);
        char? delimiter = d switch
        {
            null => null,
            "tab" or "\\t" => '\t',
            { Length: 1 } => d[0],
            _ => throw new CliException($"--delimiter '{d}' must be one character (or 'tab')"),
        };
        BadRowPolicy policy = parse.GetValue(_onBadRow)?.ToLowerInvariant() switch
        {
            null or "error" => BadRowPolicy.Error,
            "skip" => BadRowPolicy.Skip,
            var other => throw new CliException($"--on-bad-row '{other}' is not one of error, skip"),
        };
        return new InputSettings { Delimiter = delimiter, OnBadRow = policy, Quiet = parse.GetValue(_quiet) };
    }
}
