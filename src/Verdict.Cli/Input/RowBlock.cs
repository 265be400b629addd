namespace Verdict.Cli.Input;

/// <summary>
/// A run of consecutive kept rows handed to a streaming consumer (see <see cref="TableReader.Stream"/>): for each
/// requested label column its codes and the labels decoded so far, for each number column its values. The views are
/// valid only during the callback; the reader reuses the storage for the next block.
/// </summary>
/// <example>
/// <code>
/// var counts = new LabelCountsAccumulator();
/// TableReader.Stream("big.csv", [ColumnSpec.Label("y_true"), ColumnSpec.Label("y_pred")], options,
///     block => counts.Add(block.Codes("y_true"), block.Values("y_true"), block.Codes("y_pred"), block.Values("y_pred")));
/// </code>
/// </example>
internal sealed class RowBlock
{
    private readonly Dictionary<string, int> _labelSlots;
    private readonly Dictionary<string, int> _numberSlots;
    private readonly int[][] _codes;
    private readonly IReadOnlyList<string>[] _values;
    private readonly double[][] _numbers;
    private readonly int _start;

    /// <summary>
    /// A view of rows <c>[start, start + rows)</c> of the given column arrays; <paramref name="values"/>[s] decodes
    /// label slot s's codes (it may hold the same text twice for byte strings that decode alike).
    /// </summary>
    public RowBlock(string[] labelNames, int[][] codes, IReadOnlyList<string>[] values,
                    string[] numberNames, double[][] numbers, int start, int rows)
    {
        _labelSlots = Slots(labelNames);
        _numberSlots = Slots(numberNames);
        _codes = codes;
        _values = values;
        _numbers = numbers;
        _start = start;
        Rows = rows;
    }

    /// <summary>How many rows the block holds.</summary>
    public int Rows { get; }

    /// <summary>The label codes of column <paramref name="name"/>, one per row, indexing <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> Codes(string name) => _codes[Slot(_labelSlots, name, "labels")].AsSpan(_start, Rows);

    /// <summary>The labels of column <paramref name="name"/> seen so far (in the whole input, first-seen order); codes index it.</summary>
    public IReadOnlyList<string> Values(string name) => _values[Slot(_labelSlots, name, "labels")];

    /// <summary>The values of number column <paramref name="name"/>, one per row.</summary>
    public ReadOnlySpan<double> Numbers(string name) => _numbers[Slot(_numberSlots, name, "numbers")].AsSpan(_start, Rows);

    private static Dictionary<string, int> Slots(string[] names)
    {
        var slots = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int s = 0; s < names.Length; s++)
        {
            slots[names[s]] = s;
        }

        return slots;
    }

    private static int Slot(Dictionary<string, int> slots, string name, string kind) =>
        slots.TryGetValue(name, out int slot)
            ? slot
            : throw new KeyNotFoundException($"Column '{name}' was not read as {kind}.");
}
