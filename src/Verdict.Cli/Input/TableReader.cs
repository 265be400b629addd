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
    public static Table Read(string path, IReadOnlyList<ColumnSpec> columns, ReadOptions options) =>
        Read(path, columns, options, sink: null);

    /// <summary>
    /// Reads <paramref name="columns"/> like <see cref="Read(string, IReadOnlyList{ColumnSpec}, ReadOptions)"/> but
    /// hands the kept rows to <paramref name="sink"/> block by block, in file order, instead of keeping them: memory
    /// stays at one block's rows (CSV/TSV and JSON Lines) whatever the input's size. The returned table has the row
    /// counts and skip reasons but no columns (<see cref="Table.IsStreamed"/>). Problems are collected as in
    /// <c>Read</c>; in error mode rows stop going to the sink after the first problem and the read ends with an
    /// <see cref="InputException"/>, so a consumer's partial result must be discarded then. NumPy arrays are read
    /// whole and handed on as one block.
    /// </summary>
    public static Table Stream(string path, IReadOnlyList<ColumnSpec> columns, ReadOptions options, Action<RowBlock> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return Read(path, columns, options, sink);
    }

    private static Table Read(string path, IReadOnlyList<ColumnSpec> columns, ReadOptions options, Action<RowBlock>? sink)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        if (path != "-" && (options.Format ?? InputSource.FormatOf(path)) == InputFormat.Npy)
        {
            Table table = ReadNpy([path], columns, options);
            return sink is null ? table : HandOn(table, sink);
        }

        using InputSource source = InputSource.Open(path, options);
        return source.Format switch
        {
            InputFormat.JsonLines => JsonLinesReader.Read(source, columns, options, sink),
            InputFormat.Npy => throw new InputException(new InputProblem(source.DisplayName, 0, null, null,
                "NumPy .npy input must be a file, not standard input")),
            _ => DelimitedReader.Read(source, columns, options, sink),
        };
    }

    /// <summary>Hands a whole table to <paramref name="sink"/> as one block and returns its streamed form.</summary>
    private static Table HandOn(Table table, Action<RowBlock> sink)
    {
        string[] labelNames = [.. table.LabelColumnNames];
        string[] numberNames = [.. table.NumberColumnNames];
        LabelColumn[] labels = [.. labelNames.Select(table.Labels)];
        sink(new RowBlock(labelNames, [.. labels.Select(c => c.Codes)], [.. labels.Select(c => (IReadOnlyList<string>)c.Values)],
                          numberNames, [.. numberNames.Select(table.Numbers)], 0, checked((int)table.Rows)));
        return Table.Streamed(table.Source, table.Header, table.Rows, table.SkippedRows, table.SkipReasons);
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
