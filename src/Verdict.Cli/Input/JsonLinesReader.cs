using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Verdict.Cli.Input;

/// <summary>
/// Reads JSON Lines: one JSON object per line, its keys the columns. The columns (<see cref="Table.Header"/>)
/// are the keys of the first object; later objects may order keys freely and carry extra keys, but must have
/// every requested key. Empty lines are ignored; line 1 is the first line of the file (there is no header row).
/// </summary>
/// <remarks>
/// A label column accepts any scalar and keeps its text: a string is its (unescaped) value, a number keeps
/// its spelling as written (<c>1</c> → "1", <c>1.0</c> → "1.0"), <c>true</c>/<c>false</c> become "true"/"false".
/// A number column accepts a JSON number or a string holding one (<c>"0.25"</c>); booleans, null,
/// non-finite values, objects and arrays are problems. When a key repeats within an object the last value wins.
/// </remarks>
internal static class JsonLinesReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Reads the requested columns of a JSON Lines input; with a <paramref name="sink"/>, rows are handed to it in
    /// blocks instead of kept (see <see cref="TableReader.Stream"/>).
    /// </summary>
    public static Table Read(InputSource source, IReadOnlyList<ColumnSpec> columns, ReadOptions options, Action<RowBlock>? sink = null)
    {
        using var blocks = new BlockBuffer(source, options.BlockSize);
        string[]? keys = FirstObjectKeys(blocks, source.DisplayName);
        if (keys is null)
        {
            throw new InputException(new InputProblem(source.DisplayName, 0, null, null,
                "the input is empty; expected one JSON object per line"));
        }

        var plan = ColumnPlan.Create(source.DisplayName, keys, columns);
        long lines = sink is null ? source.CountLines() : -1;
        var table = new TableBuilder(source.DisplayName, plan, options, lines < 0 ? 1 << 16 : (int)Math.Clamp(lines, 16, Array.MaxLength), sink);
        var state = new RowState(plan);
        long line = 0;
        while (true)
        {
            ReadOnlySpan<byte> available = blocks.Available;
            int newline = available.IndexOf((byte)'\n');
            if (newline < 0 && !blocks.AtEnd)
            {
                blocks.ReadMore();
                continue;
            }

            if (available.IsEmpty && blocks.AtEnd)
            {
                break;
            }

            ReadOnlySpan<byte> text = newline < 0 ? available : available[..newline];
            blocks.Consume(newline < 0 ? available.Length : newline + 1);
            line++;
            if (line == 1 && text.StartsWith("\uFEFF"u8))
            {
                text = text[3..];
            }

            if (text.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            ReadRow(text, line, table, state);
            table.FlushIfFull();
        }

        return table.Build(sawHeader: true);
    }

    /// <summary>The keys of the first object of a JSON Lines input, or an empty list for an empty input.</summary>
    public static IReadOnlyList<string> ReadHeader(InputSource source, ReadOptions options)
    {
        using var blocks = new BlockBuffer(source, Math.Min(options.BlockSize, 64 * 1024));
        return FirstObjectKeys(blocks, source.DisplayName) ?? [];
    }

    private static string[]? FirstObjectKeys(BlockBuffer blocks, string file)
    {
        // Peek: the first non-empty line is parsed for its keys but not consumed.
        int from = 0;
        long line = 0;
        while (true)
        {
            ReadOnlySpan<byte> available = blocks.Available;
            int newline = available[from..].IndexOf((byte)'\n');
            if (newline < 0 && !blocks.AtEnd)
            {
                blocks.ReadMore();
                continue;
            }

            int end = newline < 0 ? available.Length : from + newline;
            ReadOnlySpan<byte> text = available[from..end];
            line++;
            if (line == 1 && text.StartsWith("\uFEFF"u8))
            {
                text = text[3..];
            }

            if (!text.Trim(" \t\r"u8).IsEmpty)
            {
                return KeysOf(text, file, line);
            }

            if (newline < 0)
            {
                return null;
            }

            from = end + 1;
        }
    }

    private static string[] KeysOf(ReadOnlySpan<byte> text, string file, long line)
    {
        var keys = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(text, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InputException(new InputProblem(file, line, null, null, "is not a JSON object; expected one object per line such as {\"label\": 1, \"score\": 0.25}"));
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = reader.GetString()!;
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new InputException(new InputProblem(file, line, null, null, "is not valid JSON: " + Brief(e)));
        }

        return [.. keys];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadRow(ReadOnlySpan<byte> text, long line, TableBuilder table, RowState state)
    {
        ColumnPlan plan = table.Plan;
        state.Reset();
        bool ok = true;
        try
        {
            var reader = new Utf8JsonReader(text, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Problem(table, line, null, null, "is not a JSON object; expected one object per line such as {\"label\": 1, \"score\": 0.25}");
                RowFailed(table);
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int field = state.FieldOf(ref reader);
                reader.Read();
                if (field < 0)
                {
                    reader.Skip();
                    continue;
                }

                state.Seen[field] = true;
                ok &= ReadValue(ref reader, field, line, table, state);
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                Problem(table, line, null, null, "has text after the JSON object; expected one object per line");
                RowFailed(table);
                return;
            }
        }
        catch (JsonException e)
        {
            Problem(table, line, null, null, "is not valid JSON: " + Brief(e));
            RowFailed(table);
            return;
        }

        foreach (int field in plan.RequestedFields)
        {
            if (!state.Seen[field])
            {
                Problem(table, line, plan.Header[field], null, plan.NumberSlotOfField[field] >= 0
                    ? "missing; expected a finite number such as 0.25"
                    : "missing; expected a class label");
                ok = false;
            }
        }

        if (!ok)
        {
            RowFailed(table);
            return;
        }

        foreach (int field in plan.RequestedFields)
        {
            int numberSlot = plan.NumberSlotOfField[field];
            if (numberSlot >= 0)
            {
                table.Numbers[numberSlot].Add(state.Numbers[field]);
            }

            int labelSlot = plan.LabelSlotOfField[field];
            if (labelSlot >= 0)
            {
                ReadOnlySpan<byte> label = state.LabelBytes(field, text);
                table.Codes[labelSlot].Add(table.Interners[labelSlot].GetOrAdd(label));
            }
        }

        table.Rows++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ReadValue(ref Utf8JsonReader reader, int field, long line, TableBuilder table, RowState state)
    {
        ColumnPlan plan = table.Plan;
        string column = plan.Header[field];
        bool wantsNumber = plan.NumberSlotOfField[field] >= 0;
        bool wantsLabel = plan.LabelSlotOfField[field] >= 0;
        JsonTokenType token = reader.TokenType;
        if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            Problem(table, line, column, null, token == JsonTokenType.StartObject
                ? "is an object; expected a single value"
                : "is an array; expected a single value");
            return false;
        }

        if (token == JsonTokenType.Null)
        {
            Problem(table, line, column, null, wantsNumber ? "is null; expected a finite number such as 0.25" : "is null; expected a class label");
            return false;
        }

        // The value's bytes: a string unescaped, anything else as written.
        ReadOnlySpan<byte> raw;
        if (token == JsonTokenType.String && reader.ValueIsEscaped)
        {
            int start = state.Scratch.Count;
            Span<byte> destination = state.Scratch.AddSpan(reader.ValueSpan.Length);
            int written = reader.CopyString(destination);
            state.Scratch.Trim(start + written);
            state.SetLabel(field, inScratch: true, start, written);
            raw = state.Scratch.Span.Slice(start, written);
        }
        else
        {
            raw = reader.ValueSpan;
            state.SetLabel(field, inScratch: false, (int)reader.TokenStartIndex + (token == JsonTokenType.String ? 1 : 0), raw.Length);
        }

        bool ok = true;
        if (wantsNumber)
        {
            if (token is JsonTokenType.True or JsonTokenType.False)
            {
                Problem(table, line, column, token == JsonTokenType.True ? "true" : "false", "is not a number; expected a finite number such as 0.25");
                ok = false;
            }
            else if (raw.Trim((byte)' ').IsEmpty)
            {
                Problem(table, line, column, null, "empty value; expected a finite number such as 0.25");
                ok = false;
            }
            else
            {
                bool parsed = Utf8Double.TryParse(raw, out double number);
                if (parsed && double.IsFinite(number) && plan.Violation(plan.NumberSlotOfField[field], number) is string rule)
                {
                    Problem(table, line, column, InputProblem.Shorten(raw), rule);
                    ok = false;
                }
                else if (parsed && double.IsFinite(number))
                {
                    state.Numbers[field] = number;
                }
                else
                {
                    Problem(table, line, column, InputProblem.Shorten(raw), parsed
                        ? "is not finite; expected a finite number such as 0.25"
                        : "is not a number; expected a finite number such as 0.25");
                    ok = false;
                }
            }
        }

        if (wantsLabel && raw.IsEmpty)
        {
            Problem(table, line, column, null, "empty value; expected a class label");
            ok = false;
        }

        return ok;
    }

    private static void Problem(TableBuilder table, long line, string? column, string? value, string message)
    {
        if (!table.Problems.WantsDetail)
        {
            table.Problems.AddUnlisted(1);
            return;
        }

        if (value is not null)
        {
            message = InputProblem.Quote(value) + " " + message;
        }

        table.Problems.Add(new InputProblem(table.File, line, column, value, message));
    }

    private static void RowFailed(TableBuilder table)
    {
        if (table.Problems.Policy == BadRowPolicy.Skip)
        {
            table.Problems.SkippedRows++;
        }
    }

    private static string Brief(JsonException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Per-row scratch: which requested keys were seen, their numbers, and where their label bytes are.</summary>
    private sealed class RowState
    {
        private readonly byte[][] _names;
        private readonly int[] _fields;
        private readonly bool[] _labelInScratch;
        private readonly int[] _labelStart;
        private readonly int[] _labelLength;
        private readonly byte[] _keyBuffer = new byte[256];

        public RowState(ColumnPlan plan)
        {
            int[] requested = plan.RequestedFields;
            _fields = requested;
            _names = new byte[requested.Length][];
            for (int i = 0; i < requested.Length; i++)
            {
                _names[i] = Encoding.UTF8.GetBytes(plan.Header[requested[i]]);
            }

            int n = plan.Header.Length;
            Seen = new bool[n];
            Numbers = new double[n];
            _labelInScratch = new bool[n];
            _labelStart = new int[n];
            _labelLength = new int[n];
        }

        public bool[] Seen { get; }

        public double[] Numbers { get; }

        public GrowableArray<byte> Scratch { get; } = new(256);

        public void Reset()
        {
            Array.Clear(Seen);
            Scratch.Clear();
        }

        public void SetLabel(int field, bool inScratch, int start, int length)
        {
            _labelInScratch[field] = inScratch;
            _labelStart[field] = start;
            _labelLength[field] = length;
        }

        public ReadOnlySpan<byte> LabelBytes(int field, ReadOnlySpan<byte> line) =>
            _labelInScratch[field]
                ? Scratch.Span.Slice(_labelStart[field], _labelLength[field])
                : line.Slice(_labelStart[field], _labelLength[field]);

        /// <summary>The header field of the current property name, or -1 when it is not a requested column.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int FieldOf(ref Utf8JsonReader reader)
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                if (name.Length > _keyBuffer.Length)
                {
                    return FieldOfName(Encoding.UTF8.GetBytes(reader.GetString()!));
                }

                int written = reader.CopyString(_keyBuffer);
                name = _keyBuffer.AsSpan(0, written);
            }

            return FieldOfName(name);
        }

        private int FieldOfName(ReadOnlySpan<byte> name)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (name.SequenceEqual(_names[i]))
                {
                    return _fields[i];
                }
            }

            return -1;
        }
    }
}
