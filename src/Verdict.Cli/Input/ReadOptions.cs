namespace Verdict.Cli.Input;

/// <summary>The layout of an input file.</summary>
internal enum InputFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv = 0,

    /// <summary>Tab-separated values: <see cref="Csv"/> with a tab as the default delimiter.</summary>
    Tsv = 1,

    /// <summary>JSON Lines: one JSON object per line; the keys are the columns.</summary>
    JsonLines = 2,

    /// <summary>NumPy <c>.npy</c>: one array per file; the file stem names its column(s).</summary>
    Npy = 3,
}

/// <summary>What to do with a data row that has a problem (wrong field count, bad number, missing value).</summary>
internal enum BadRowPolicy
{
    /// <summary>Collect every problem (up to <see cref="ReadOptions.MaxProblems"/> listed) and throw one <see cref="InputException"/>.</summary>
    Error = 0,

    /// <summary>Leave the row out, count it in <see cref="Table.SkippedRows"/> and keep the first reasons in <see cref="Table.SkipReasons"/>.</summary>
    Skip = 1,
}

/// <summary>How <see cref="TableReader"/> reads a file. <c>new ReadOptions()</c> is the default: format and delimiter from the extension, errors on bad rows.</summary>
internal sealed record ReadOptions
{
    /// <summary>The default options.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>The field delimiter; <see langword="null"/> means from the format: tab for <c>.tsv</c>/<c>.tab</c> (or <see cref="InputFormat.Tsv"/>), otherwise comma.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The format; <see langword="null"/> means from the extension (<c>.gz</c> is looked through), and CSV for standard input.</summary>
    public InputFormat? Format { get; init; }

    /// <summary>Throw on bad rows (default) or skip them.</summary>
    public BadRowPolicy OnBadRow { get; init; } = BadRowPolicy.Error;

    /// <summary>How many problems an <see cref="InputException"/> lists (and how many skip reasons are kept); the rest are counted. Default 20.</summary>
    public int MaxProblems { get; init; } = 20;

    /// <summary>The stream read for the path <c>-</c>; <see langword="null"/> means the process's standard input.</summary>
    public Stream? StandardInput { get; init; }

    /// <summary>Receives the running total of bytes read from the file (compressed bytes for gzip), after each block.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// How many parts a block of unquoted CSV is split into and parsed on at once: 0 (default) = one per core,
    /// 1 = sequential. Results are identical for every value; tests and benchmarks set it.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>The size of the blocks read from the input (default 4 MiB); tests use small blocks to exercise block boundaries.</summary>
    public int BlockSize { get; init; } = 4 << 20;
}
