namespace Verdict.Cli.Input;

/// <summary>
/// Loads the columns a command asks for from a prediction file: CSV/TSV, JSON Lines, their gzip variants,
/// NumPy <c>.npy</c>, or standard input (<c>-</c>). Every row problem is collected (up to
/// <see cref="ReadOptions.MaxProblems"/> listed) before one <see cref="InputException"/> is thrown.
/// </summary>
/// <example>
/// <code>
/// Table t = TableReader.Read("fraud.csv", [ColumnSpec.Label("label"), ColumnSpec.Number("p_fraud")], new ReadOptions());
/// t.Rows;                          // 200000
/// t.Labels("label").Values;        // ["legit", "fraud"] (first-seen order)
/// t.Numbers("p_fraud")[0];         // 0.0005760849321575789
/// </code>
/// </example>
internal static class TableReader
{
    /// <summary>
    /// Reads <paramref name="columns"/> from <paramref name="path"/> (<c>-</c> = standard input, or
    /// <see cref="ReadOptions.StandardInput"/>). The format comes from <see cref="ReadOptions.Format"/> or the
    /// extension (see <see cref="InputSource.FormatOf"/>); a <c>.npy</c> path is read as <see cref="ReadNpy"/> with one file.
    /// </summary>
    public static Table Read(string path, IReadOnlyList<ColumnSpec> columns, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        if (path != "-" && (options.Format ?? InputSource.FormatOf(path)) == InputFormat.Npy)
        {
            return ReadNpy([path], columns, options);
        }

        using InputSource source = InputSource.Open(path, options);
        return source.Format switch
        {
            InputFormat.JsonLines => JsonLinesReader.Read(source, columns, options),
            InputFormat.Npy => throw new InputException(new InputProblem(source.DisplayName, 0, null, null,
                "NumPy .npy input must be a file, not standard input")),
            _ => DelimitedReader.Read(source, columns, options),
        };
    }

    /// <summary>
    /// Reads columns from NumPy <c>.npy</c> files, one array per file. Each file is named after its stem
    /// (<c>y_true.npy</c> is column <c>y_true</c>); a 2-D array of shape (n, k) is the k columns
    /// <c>stem[0]</c> .. <c>stem[k-1]</c>. Every file must have the same number of rows.
    /// </summary>
    public static Table ReadNpy(IReadOnlyList<string> paths, IReadOnlyList<ColumnSpec> columns, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        return NpyTableReader.Read(paths, columns, options);
    }

    /// <summary>
    /// The column names of an input without reading its rows: the header of CSV/TSV, the keys of the first
    /// JSON Lines object, or the column names of a <c>.npy</c> file (see <see cref="ReadNpy"/>).
    /// </summary>
    public static IReadOnlyList<string> ReadHeader(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (path != "-" && (options.Format ?? InputSource.FormatOf(path)) == InputFormat.Npy)
        {
            return NpyTableReader.ColumnNames(path, NpyReader.ReadHeader(path));
        }

        using InputSource source = InputSource.Open(path, options);
        return source.Format switch
        {
            InputFormat.JsonLines => JsonLinesReader.ReadHeader(source, options),
            InputFormat.Npy => throw new InputException(new InputProblem(source.DisplayName, 0, null, null,
                "NumPy .npy input must be a file, not standard input")),
            _ => DelimitedReader.ReadHeader(source, options),
        };
    }
}
