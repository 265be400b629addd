namespace Verdict.Cli.Input;

/// <summary>
/// Collects row problems for one file: lists the first <see cref="ReadOptions.MaxProblems"/>, counts all,
/// and counts skipped rows. Problems about the whole file (missing file or column) are thrown at once instead.
/// </summary>
internal sealed class ProblemLog
{
    private readonly List<InputProblem> _listed = [];

    /// <summary>Creates an empty log for <paramref name="file"/>.</summary>
    public ProblemLog(string file, ReadOptions options)
    {
        File = file;
        Max = Math.Max(0, options.MaxProblems);
        Policy = options.OnBadRow;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>How many problems are listed at most.</summary>
    public int Max { get; }

    /// <summary>Error or skip.</summary>
    public BadRowPolicy Policy { get; }

    /// <summary>The first problems, in file order.</summary>
    public IReadOnlyList<InputProblem> Listed => _listed;

    /// <summary>How many problems were found.</summary>
    public long Total { get; private set; }

    /// <summary>How many rows were left out (skip mode).</summary>
    public long SkippedRows { get; set; }

    /// <summary>Whether another problem would still be listed (so its text is worth building).</summary>
    public bool WantsDetail => _listed.Count < Max;

    /// <summary>Counts a problem and lists it while there is room.</summary>
    public void Add(InputProblem problem)
    {
        Total++;
        if (_listed.Count < Max)
        {
            _listed.Add(problem);
        }
    }

    /// <summary>Counts <paramref name="count"/> problems whose details were not kept.</summary>
    public void AddUnlisted(long count) => Total += count;

    /// <summary>In error mode, throws one <see cref="InputException"/> with every problem found so far.</summary>
    public void ThrowIfErrors()
    {
        if (Policy == BadRowPolicy.Error && Total > 0)
        {
            throw new InputException([.. _listed], Total);
        }
    }
}
