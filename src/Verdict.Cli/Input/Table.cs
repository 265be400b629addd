namespace Verdict.Cli.Input;

/// <summary>
/// A label column: one code per row indexing <see cref="Values"/>, the distinct labels in first-seen order.
/// </summary>
internal sealed class LabelColumn
{
    /// <summary>Creates a column; <paramref name="codes"/> must index <paramref name="values"/>.</summary>
    public LabelColumn(string name, int[] codes, string[] values)
    {
        Name = name;
        Codes = codes;
        Values = values;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>One code per row, in <c>[0, Values.Length)</c>.</summary>
    public int[] Codes { get; }

    /// <summary>The distinct labels in first-seen order; <c>Values[Codes[i]]</c> is row i's label.</summary>
    public string[] Values { get; }

    /// <summary>Row <paramref name="row"/>'s label.</summary>
    public string this[int row] => Values[Codes[row]];
}

/// <summary>
/// The columns read from one input: every requested column has one value per kept row.
/// Built by <see cref="TableReader"/>; immutable once returned.
/// </summary>
internal sealed class Table
{
    private readonly Dictionary<string, LabelColumn> _labels;
    private readonly Dictionary<string, double[]> _numbers;

    /// <summary>Creates a table; every column must have <paramref name="rows"/> values.</summary>
    public Table(string source, IReadOnlyList<string> header, long rows,
                 IEnumerable<LabelColumn> labels, IEnumerable<KeyValuePair<string, double[]>> numbers,
                 long skippedRows, IReadOnlyList<InputProblem> skipReasons)
    {
        Source = source;
        Header = header;
        Rows = rows;
        _labels = labels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _numbers = new Dictionary<string, double[]>(numbers, StringComparer.Ordinal);
        SkippedRows = skippedRows;
        SkipReasons = skipReasons;
    }

    /// <summary>A table whose rows were streamed to a consumer (see <see cref="TableReader.Stream"/>): counts, no columns.</summary>
    public static Table Streamed(string source, IReadOnlyList<string> header, long rows, long skippedRows,
                                 IReadOnlyList<InputProblem> skipReasons) =>
        new(source, header, rows, [], [], skippedRows, skipReasons) { IsStreamed = true };

    /// <summary>Whether the rows went to a streaming consumer, so the table keeps no columns.</summary>
    public bool IsStreamed { get; private init; }

    /// <summary>The file as the user named it (<c>-</c> for standard input; the files joined by <c>+</c> for NumPy).</summary>
    public string Source { get; }

    /// <summary>Every column name of the input, in file order (not only the requested ones).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>How many data rows were kept.</summary>
    public long Rows { get; }

    /// <summary>How many data rows were left out because of problems (<see cref="BadRowPolicy.Skip"/>); 0 otherwise.</summary>
    public long SkippedRows { get; }

    /// <summary>The first problems that caused rows to be skipped (at most <see cref="ReadOptions.MaxProblems"/>), with line numbers.</summary>
    public IReadOnlyList<InputProblem> SkipReasons { get; }

    /// <summary>The names of the columns read as labels.</summary>
    public IEnumerable<string> LabelColumnNames => _labels.Keys;

    /// <summary>The names of the columns read as numbers.</summary>
    public IEnumerable<string> NumberColumnNames => _numbers.Keys;

    /// <summary>The label column <paramref name="name"/>; it must have been requested as <see cref="ColumnKind.Label"/>.</summary>
    public LabelColumn Labels(string name) =>
        _labels.TryGetValue(name, out LabelColumn? column)
            ? column
            : throw new KeyNotFoundException(IsStreamed
                ? $"Column '{name}' was streamed, not kept; read it with TableReader.Read to keep it."
                : $"Column '{name}' was not read as labels; ask for it with ColumnKind.Label.");

    /// <summary>The number column <paramref name="name"/>; it must have been requested as <see cref="ColumnKind.Number"/>.</summary>
    public double[] Numbers(string name) =>
        _numbers.TryGetValue(name, out double[]? column)
            ? column
            : throw new KeyNotFoundException(IsStreamed
                ? $"Column '{name}' was streamed, not kept; read it with TableReader.Read to keep it."
                : $"Column '{name}' was not read as numbers; ask for it with ColumnKind.Number.");
}
