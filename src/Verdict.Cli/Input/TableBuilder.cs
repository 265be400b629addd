using System.Globalization;
using System.Text;

namespace Verdict.Cli.Input;

/// <summary>
/// The growing result of reading one delimited or JSON Lines input: a buffer per requested column,
/// a label interner per label column and the problem log. Rows are appended in file order.
/// </summary>
/// <remarks>
/// With a sink (streaming), the buffered rows are handed to it by <see cref="Flush"/> and the buffers are reused,
/// so memory stays at one block's rows whatever the input's size; <see cref="Build"/> then returns a table without
/// columns (<see cref="Table.IsStreamed"/>).
/// </remarks>
internal sealed class TableBuilder
{
    /// <summary>Rows buffered before a streaming builder hands them on (readers flush at block ends too).</summary>
    public const int StreamBlockRows = 1 << 16;

    private readonly Action<RowBlock>? _sink;
    private readonly List<string>[] _decoded;
    private long _flushedRows;

    /// <summary>
    /// Creates empty buffers for every slot of <paramref name="plan"/>, with room for <paramref name="capacity"/> rows;
    /// with a <paramref name="sink"/>, rows are streamed to it (see <see cref="Flush"/>).
    /// </summary>
    public TableBuilder(string file, ColumnPlan plan, ReadOptions options, int capacity = 1 << 16, Action<RowBlock>? sink = null)
    {
        _sink = sink;
        if (sink is not null)
        {
            capacity = StreamBlockRows;
        }

        File = file;
        Plan = plan;
        Problems = new ProblemLog(file, options);
        Numbers = new GrowableArray<double>[plan.NumberNames.Length];
        for (int s = 0; s < Numbers.Length; s++)
        {
            Numbers[s] = new GrowableArray<double>(capacity);
        }

        Codes = new GrowableArray<int>[plan.LabelNames.Length];
        Interners = new ByteInterner[plan.LabelNames.Length];
        for (int s = 0; s < Codes.Length; s++)
        {
            Codes[s] = new GrowableArray<int>(capacity);
            Interners[s] = new ByteInterner();
        }

        _decoded = new List<string>[plan.LabelNames.Length];
        for (int s = 0; s < _decoded.Length; s++)
        {
            _decoded[s] = [];
        }
    }

    /// <summary>Rows kept so far, including those already handed to the sink.</summary>
    public long TotalRows => _flushedRows + Rows;

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>The requested columns.</summary>
    public ColumnPlan Plan { get; }

    /// <summary>Problems found so far.</summary>
    public ProblemLog Problems { get; }

    /// <summary>One buffer per number slot.</summary>
    public GrowableArray<double>[] Numbers { get; }

    /// <summary>One buffer of codes per label slot.</summary>
    public GrowableArray<int>[] Codes { get; }

    /// <summary>One interner per label slot; codes index it.</summary>
    public ByteInterner[] Interners { get; }

    /// <summary>Rows in the buffers (all rows kept so far unless streaming).</summary>
    public long Rows { get; set; }

    /// <summary>Makes room for <paramref name="rows"/> more rows in every column (so their arrays stay put while filled).</summary>
    public void Reserve(int rows)
    {
        int needed = checked((int)Rows + rows);
        foreach (GrowableArray<double> column in Numbers)
        {
            column.EnsureCapacity(needed);
        }

        foreach (GrowableArray<int> column in Codes)
        {
            column.EnsureCapacity(needed);
        }
    }

    /// <summary>The number columns' storage, indexed by slot (valid until the next <see cref="Reserve"/>).</summary>
    public double[][] NumberArrays()
    {
        var arrays = new double[Numbers.Length][];
        for (int s = 0; s < arrays.Length; s++)
        {
            arrays[s] = Numbers[s].Items;
        }

        return arrays;
    }

    /// <summary>The label columns' code storage, indexed by slot (valid until the next <see cref="Reserve"/>).</summary>
    public int[][] CodeArrays()
    {
        var arrays = new int[Codes.Length][];
        for (int s = 0; s < arrays.Length; s++)
        {
            arrays[s] = Codes[s].Items;
        }

        return arrays;
    }

    /// <summary>Declares <paramref name="rows"/> more rows written in place in every column.</summary>
    public void CommitRows(int rows)
    {
        Rows += rows;
        foreach (GrowableArray<double> column in Numbers)
        {
            column.SetCount((int)Rows);
        }

        foreach (GrowableArray<int> column in Codes)
        {
            column.SetCount((int)Rows);
        }
    }

    /// <summary>
    /// When streaming, hands the buffered rows to the sink (unless there are none, or row problems already doom the
    /// read in error mode) and empties the buffers; otherwise does nothing.
    /// </summary>
    public void Flush()
    {
        if (_sink is null || Rows == 0)
        {
            return;
        }

        if (Problems.Total == 0 || Problems.Policy == BadRowPolicy.Skip)
        {
            var values = new IReadOnlyList<string>[Codes.Length];
            for (int s = 0; s < values.Length; s++)
            {
                List<string> decoded = _decoded[s];
                for (int c = decoded.Count; c < Interners[s].Count; c++)
                {
                    decoded.Add(Encoding.UTF8.GetString(Interners[s][c]));
                }

                values[s] = decoded;
            }

            _sink(new RowBlock(Plan.LabelNames, CodeArrays(), values, Plan.NumberNames, NumberArrays(), 0, (int)Rows));
        }

        _flushedRows += Rows;
        Rows = 0;
        CommitRows(0);
    }

    /// <summary>When streaming, <see cref="Flush"/>es once at least <see cref="StreamBlockRows"/> rows are buffered.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void FlushIfFull()
    {
        if (_sink is not null && Rows >= StreamBlockRows)
        {
            Flush();
        }
    }

    /// <summary>
    /// Throws for row problems (error mode) or an input without data rows; otherwise the finished table.
    /// <paramref name="sawHeader"/> tells an empty file from a header without rows.
    /// </summary>
    public Table Build(bool sawHeader)
    {
        Flush();
        Problems.ThrowIfErrors();
        if (TotalRows == 0)
        {
            string message = !sawHeader
                ? "the input is empty; expected a header row and at least one data row"
                : Problems.SkippedRows > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"no usable data rows: all {Problems.SkippedRows} rows had problems and were skipped (first: {(Problems.Listed.Count > 0 ? Problems.Listed[0].ToString() : "?")})")
                    : "no data rows; expected at least one row after the header";
            throw new InputException(new InputProblem(File, 0, null, null, message));
        }

        if (_sink is not null)
        {
            return Table.Streamed(File, Plan.Header, TotalRows, Problems.SkippedRows,
                                  Problems.Policy == BadRowPolicy.Skip ? Problems.Listed : []);
        }

        var labels = new List<LabelColumn>(Codes.Length);
        for (int s = 0; s < Codes.Length; s++)
        {
            labels.Add(Finish(Plan.LabelNames[s], Codes[s].ToArray(), Interners[s]));
        }

        var numbers = new List<KeyValuePair<string, double[]>>(Numbers.Length);
        for (int s = 0; s < Numbers.Length; s++)
        {
            numbers.Add(new(Plan.NumberNames[s], Numbers[s].ToArray()));
        }

        return new Table(File, Plan.Header, Rows, labels, numbers, Problems.SkippedRows,
                         Problems.Policy == BadRowPolicy.Skip ? Problems.Listed : []);
    }

    /// <summary>
    /// Decodes the interned bytes. Distinct byte strings that decode to the same text (invalid UTF-8
    /// replaced by U+FFFD) are merged so <see cref="LabelColumn.Values"/> stays distinct.
    /// </summary>
    public static LabelColumn Finish(string name, int[] codes, ByteInterner interner)
    {
        string[] decoded = interner.ToStrings();
        var seen = new Dictionary<string, int>(decoded.Length, StringComparer.Ordinal);
        int[]? remap = null;
        var values = new List<string>(decoded.Length);
        for (int c = 0; c < decoded.Length; c++)
        {
            if (seen.TryGetValue(decoded[c], out int first))
            {
                remap ??= CreateIdentity(decoded.Length);
                remap[c] = first;
            }
            else
            {
                seen.Add(decoded[c], values.Count);
                if (remap is not null)
                {
                    remap[c] = values.Count;
                }

                values.Add(decoded[c]);
            }
        }

        if (remap is not null)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = remap[codes[i]];
            }
        }

        return new LabelColumn(name, codes, [.. values]);
    }

    private static int[] CreateIdentity(int n)
    {
        var identity = new int[n];
        for (int i = 0; i < n; i++)
        {
            identity[i] = i;
        }

        return identity;
    }
}
