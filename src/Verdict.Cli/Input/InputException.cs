using System.Globalization;
using System.Text;

namespace Verdict.Cli.Input;

/// <summary>
/// An input could not be read. Carries every problem found (the first <see cref="ReadOptions.MaxProblems"/>
/// listed, the rest counted); the message is one problem per line, then <c>... and N more problems</c>.
/// </summary>
internal sealed class InputException : Exception
{
    /// <summary>Creates the exception for a single problem.</summary>
    public InputException(InputProblem problem)
        : this([problem], 1)
    {
    }

    /// <summary>Creates the exception for the listed problems out of <paramref name="totalProblems"/> found.</summary>
    public InputException(IReadOnlyList<InputProblem> problems, long totalProblems)
        : base(Describe(problems, totalProblems))
    {
        Problems = problems;
        TotalProblems = Math.Max(totalProblems, problems.Count);
    }

    /// <summary>Creates an exception with a plain message and no listed problems.</summary>
    public InputException(string message)
        : base(message)
    {
        Problems = [];
        TotalProblems = 0;
    }

    /// <summary>Creates an exception with a plain message wrapping another.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
        TotalProblems = 0;
    }

    /// <summary>Creates an exception with no message.</summary>
    public InputException()
    {
        Problems = [];
    }

    /// <summary>The problems listed in the message, in file order.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }

    /// <summary>How many problems were found in all; at least <see cref="Problems"/>.Count.</summary>
    public long TotalProblems { get; }

    private static string Describe(IReadOnlyList<InputProblem> problems, long total)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var sb = new StringBuilder();
        for (int i = 0; i < problems.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            sb.Append(problems[i].ToString());
        }

        long more = total - problems.Count;
        if (more > 0)
        {
            sb.Append(problems.Count > 0 ? "\n" : string.Empty).Append("... and ").Append(more.ToString(CultureInfo.InvariantCulture))
              .Append(more == 1 ? " more problem" : " more problems");
        }

        return sb.ToString();
    }
}
