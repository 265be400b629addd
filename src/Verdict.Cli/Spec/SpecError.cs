using Verdict.Cli.Input;
using Verdict.Gates;

namespace Verdict.Cli.Spec;

/// <summary>One problem in a spec file, where it is: <c>file:line:column: message</c>.</summary>
internal sealed record SpecError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Collects every problem of a spec before deciding (a validator, not a first-error parser).</summary>
internal sealed class SpecErrors
{
    private readonly List<SpecError> _errors = [];

    public SpecErrors(string file)
    {
        File = file;
    }

    public string File { get; }

    public IReadOnlyList<SpecError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(SpecLocation at, string message) => _errors.Add(new SpecError(File, at.Line, at.Column, message));

    /// <summary>Throws one <see cref="CliException"/> (exit 2) listing every problem, when there is any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count == 0)
        {
            return;
        }

        List<SpecError> sorted = [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
        string head = _errors.Count == 1 ? $"{File} has a problem:" : $"{File} has {_errors.Count} problems:";
        throw new CliException(head + "\n" + string.Join("\n", sorted.Select(e => "  " + e)));
    }

    /// <summary>"; did you mean 'recall'?" for a close name, else "; valid: a, b, c".</summary>
    public static string Suggest(string given, IReadOnlyList<string> valid)
    {
        string? closest = Closest(given, valid);
        return closest is not null ? $"; did you mean '{closest}'?" : $"; valid: {string.Join(", ", valid)}";
    }

    /// <summary>
    /// The closest of <paramref name="valid"/> (case-insensitive edit distance at most a third of the name, at least 2,
    /// and less than the name's length, so "d" suggests nothing rather than "a"), or null.
    /// </summary>
    public static string? Closest(string given, IReadOnlyList<string> valid)
    {
        string? closest = ColumnPlan.Closest(given, valid);
        if (closest is null || string.Equals(closest, given, StringComparison.OrdinalIgnoreCase))
        {
            return closest;
        }

        return ColumnPlan.EditDistance(given.ToUpperInvariant(), closest.ToUpperInvariant()) < given.Length ? closest : null;
    }
}
