using System.Globalization;
using System.Runtime.CompilerServices;

namespace Verdict.Cli.Input;

/// <summary>
/// Parses a run of complete CSV/TSV records straight from UTF-8 bytes into the table's column arrays, from a
/// row reserved for it (<see cref="Begin"/>). One instance per worker thread, each with its own part of a block;
/// <see cref="DelimitedReader"/> then merges the parts in file order (<see cref="MergeInto"/>): rows are moved
/// up when an earlier part kept fewer rows than it reserved, label codes (local to each parser) are mapped to
/// the table's, and problems get absolute line numbers. Line numbers and row counts are relative to the part.
/// </summary>
internal sealed class DelimitedChunkParser
{
    private readonly ColumnPlan _plan;
    private readonly byte _delimiter;
    private readonly int _fieldCount;
    private readonly int _maxListed;
    private readonly BadRowPolicy _policy;
    private readonly int[] _requested;
    private readonly int[] _requestedNumberSlot;
    private readonly int[] _requestedLabelSlot;
    private readonly int[] _labelSlotOfField;
    private readonly int[] _numberSlotOfField;

    private readonly ByteInterner[] _interners;
    private readonly GrowableArray<int>[] _localToTable;
    private readonly bool[] _identityMap;
    private double[][] _numberColumns = [];
    private int[][] _codeColumns = [];
    private int _start;
    private int _limit;
    private readonly List<LocalProblem> _problems = [];

    // Per-record scratch: where each field's bytes are (in the chunk, or in _unescaped when the field had "").
    private readonly int[] _fieldStart;
    private readonly int[] _fieldLength;
    private readonly bool[] _fieldEscaped;
    private readonly double[] _rowNumbers;
    private byte[] _unescaped = new byte[256];

    private int _rows;
    private long _lines;
    private long _skipped;
    private long _unlisted;

    /// <summary>Creates a parser for the fields of <paramref name="plan"/>.</summary>
    public DelimitedChunkParser(ColumnPlan plan, byte delimiter, ReadOptions options)
    {
        _plan = plan;
        _delimiter = delimiter;
        _fieldCount = plan.Header.Length;
        _maxListed = Math.Max(0, options.MaxProblems);
        _policy = options.OnBadRow;
        _requested = plan.RequestedFields;
        _requestedNumberSlot = new int[_requested.Length];
        _requestedLabelSlot = new int[_requested.Length];
        for (int i = 0; i < _requested.Length; i++)
        {
            _requestedNumberSlot[i] = plan.NumberSlotOfField[_requested[i]];
            _requestedLabelSlot[i] = plan.LabelSlotOfField[_requested[i]];
        }
        _labelSlotOfField = plan.LabelSlotOfField;
        _numberSlotOfField = plan.NumberSlotOfField;
        _interners = new ByteInterner[plan.LabelNames.Length];
        _localToTable = new GrowableArray<int>[plan.LabelNames.Length];
        _identityMap = new bool[plan.LabelNames.Length];
        for (int s = 0; s < _interners.Length; s++)
        {
            _interners[s] = new ByteInterner();
            _localToTable[s] = new GrowableArray<int>(16);
            _identityMap[s] = true;
        }

        _fieldStart = new int[_fieldCount];
        _fieldLength = new int[_fieldCount];
        _fieldEscaped = new bool[_fieldCount];
        _rowNumbers = new double[Math.Max(1, plan.NumberNames.Length)];
    }

    /// <summary>
    /// An upper bound on the records <see cref="Parse"/> can take from <paramref name="data"/>: its line feeds,
    /// plus one for an unterminated last line when <paramref name="final"/>.
    /// </summary>
    public static int MaxRecords(ReadOnlySpan<byte> data, bool final) =>
        data.Count((byte)'\n') + (final && !data.IsEmpty && data[^1] != (byte)'\n' ? 1 : 0);

    /// <summary>
    /// Points the parser at <paramref name="table"/>'s column arrays: its rows go to
    /// <c>[start, start + reserved)</c>, which the caller has reserved (see <see cref="MaxRecords"/>).
    /// </summary>
    public void Begin(TableBuilder table, int start, int reserved)
    {
        _numberColumns = table.NumberArrays();
        _codeColumns = table.CodeArrays();
        _start = start;
        _limit = start + reserved;
    }

    /// <summary>
    /// Parses the records of <paramref name="data"/>, which starts at a record boundary. When
    /// <paramref name="final"/> is false a record still open at the end is left for the next call; returns the
    /// bytes consumed (always at a record boundary). Empty lines are ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Parse(ReadOnlySpan<byte> data, bool final)
    {
        int n = data.Length;
        int pos = 0;
        byte delimiter = _delimiter;
        while (pos < n)
        {
            int recordStart = pos;
            long extraLines = 0;
            int fields = 0;
            int p = pos;
            bool lastQuoted = false;
            int lastLength = 0;
            bool endsWithNewline;
            string? quoteProblem = null;
            while (true)
            {
                int start;
                int length;
                int term;
                bool escaped = false;
                lastQuoted = p < n && data[p] == (byte)'"';
                if (lastQuoted)
                {
                    int q = p + 1;
                    bool closed = true;
                    while (true)
                    {
                        int k = data[q..].IndexOf((byte)'"');
                        if (k < 0)
                        {
                            closed = false;
                            q = n;
                            break;
                        }

                        q += k;
                        if (q + 1 < n && data[q + 1] == (byte)'"')
                        {
                            escaped = true;
                            q += 2;
                            continue;
                        }

                        break;
                    }

                    if (!closed && !final)
                    {
                        return recordStart;
                    }

                    start = p + 1;
                    length = q - start;
                    extraLines += data.Slice(start, length).Count((byte)'\n');
                    if (!closed)
                    {
                        quoteProblem ??= "a quoted field is never closed; expected a closing '\"' (double any quote inside a quoted field)";
                        term = n;
                    }
                    else
                    {
                        int a = q + 1;
                        if (a < n && data[a] == (byte)'\r' && (a + 1 == n || data[a + 1] == (byte)'\n'))
                        {
                            a++;
                        }

                        if (a == n || data[a] == delimiter || data[a] == (byte)'\n')
                        {
                            term = a;
                        }
                        else
                        {
                            quoteProblem ??= "text follows a closing quote; a quoted field must end at the delimiter or the end of the line (double any quote inside a quoted field)";
                            int k = data[a..].IndexOfAny(delimiter, (byte)'\n');
                            term = k < 0 ? n : a + k;
                        }
                    }
                }
                else
                {
                    int k = data[p..].IndexOfAny(delimiter, (byte)'\n');
                    term = k < 0 ? n : p + k;
                    start = p;
                    length = term - p;
                    if (length > 0 && data[term - 1] == (byte)'\r' && (term == n || data[term] == (byte)'\n'))
                    {
                        length--;
                    }
                }

                if (term == n && !final)
                {
                    return recordStart;
                }

                if (fields < _fieldCount)
                {
                    _fieldStart[fields] = start;
                    _fieldLength[fields] = length;
                    _fieldEscaped[fields] = escaped;
                }

                fields++;
                lastLength = length;
                if (term < n && data[term] == delimiter)
                {
                    p = term + 1;
                    continue;
                }

                endsWithNewline = term < n;
                pos = endsWithNewline ? term + 1 : n;
                break;
            }

            long line = _lines;
            _lines += extraLines + (endsWithNewline ? 1 : 0);
            if (fields == 1 && lastLength == 0 && !lastQuoted)
            {
                continue; // an empty line
            }

            if (quoteProblem is not null)
            {
                AddProblem(line, null, default, quoteProblem);
                RowFailed();
                continue;
            }

            if (fields != _fieldCount)
            {
                AddProblem(line, null, default, string.Create(CultureInfo.InvariantCulture,
                    $"the line has {fields} fields but the header has {_fieldCount}; quote any field that contains {DelimiterName(_delimiter)}"));
                RowFailed();
                continue;
            }

            ProcessRecord(data, line);
        }

        return pos;
    }

    /// <summary>
    /// Appends this chunk's rows, problems and skip counts to <paramref name="table"/> (rows in order,
    /// label codes mapped to the table's), numbering problem lines from <paramref name="firstLine"/>;
    /// returns how many lines the chunk spanned, and resets the parser for the next chunk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long MergeInto(TableBuilder table, long firstLine)
    {
        int rows = _rows;
        int destination = checked((int)table.Rows);
        if (destination != _start)
        {
            // An earlier part kept fewer rows than it reserved (empty lines, skipped rows): close the gap.
            foreach (double[] column in _numberColumns)
            {
                Array.Copy(column, _start, column, destination, rows);
            }

            foreach (int[] column in _codeColumns)
            {
                Array.Copy(column, _start, column, destination, rows);
            }
        }

        for (int s = 0; s < _codeColumns.Length; s++)
        {
            // Local codes first seen in this part come in this part's first-seen order, and every earlier
            // local code was mapped by an earlier (so earlier-in-file) merge: table order stays first-seen.
            ByteInterner local = _interners[s];
            GrowableArray<int> map = _localToTable[s];
            ByteInterner global = table.Interners[s];
            for (int c = map.Count; c < local.Count; c++)
            {
                int code = global.GetOrAdd(local[c]);
                map.Add(code);
                _identityMap[s] &= code == c;
            }

            if (!_identityMap[s])
            {
                ReadOnlySpan<int> mapping = map.Span;
                Span<int> codes = _codeColumns[s].AsSpan(destination, rows);
                for (int r = 0; r < codes.Length; r++)
                {
                    codes[r] = mapping[codes[r]];
                }
            }
        }

        table.CommitRows(rows);
        foreach (LocalProblem problem in _problems)
        {
            table.Problems.Add(new InputProblem(table.File, firstLine + problem.Line, problem.Column, problem.Value, problem.Message));
        }

        table.Problems.AddUnlisted(_unlisted);
        table.Problems.SkippedRows += _skipped;
        long lines = _lines;
        _problems.Clear();
        _rows = 0;
        _lines = 0;
        _skipped = 0;
        _unlisted = 0;
        _numberColumns = [];
        _codeColumns = [];
        return lines;
    }

    /// <summary>How a delimiter is named in messages.</summary>
    public static string DelimiterName(byte delimiter) => delimiter switch
    {
        (byte)'\t' => "a tab",
        (byte)' ' => "a space",
        _ => "'" + (char)delimiter + "'",
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessRecord(ReadOnlySpan<byte> data, long line)
    {
        bool ok = true;
        int[] requested = _requested;
        int[] numberSlots = _requestedNumberSlot;
        int[] labelSlots = _requestedLabelSlot;
        double[] rowNumbers = _rowNumbers;
        int unescapedUsed = 0;
        for (int i = 0; i < requested.Length; i++)
        {
            int f = requested[i];
            if (_fieldEscaped[f])
            {
                ReadOnlySpan<byte> raw = data.Slice(_fieldStart[f], _fieldLength[f]);
                EnsureUnescapedRoom(unescapedUsed + raw.Length);
                int written = Unescape(raw, _unescaped.AsSpan(unescapedUsed));
                _fieldStart[f] = unescapedUsed;
                _fieldLength[f] = written;
                unescapedUsed += written;
            }

            int numberSlot = numberSlots[i];
            if (numberSlot >= 0)
            {
                // The fast path only returns finite numbers; everything else takes the checked path.
                ReadOnlySpan<byte> value = FieldBytes(data, f);
                if (!Utf8Double.TryParseFast(value, out double number))
                {
                    ok &= TryNumber(value, line, f, out number);
                }

                if (_plan.NumberKinds[numberSlot] != ColumnKind.Number && _plan.Violation(numberSlot, number) is string rule)
                {
                    AddProblem(line, _plan.Header[f], value, rule);
                    ok = false;
                }

                rowNumbers[numberSlot] = number;
            }

            if (labelSlots[i] >= 0 && _fieldLength[f] == 0)
            {
                AddProblem(line, _plan.Header[f], default, "empty value; expected a class label");
                ok = false;
            }
        }

        if (!ok)
        {
            RowFailed();
            return;
        }

        int row = _start + _rows;
        if (row >= _limit)
        {
            throw new InvalidOperationException("More records than reserved; MaxRecords must bound Parse.");
        }

        for (int i = 0; i < requested.Length; i++)
        {
            int numberSlot = numberSlots[i];
            if (numberSlot >= 0)
            {
                _numberColumns[numberSlot][row] = rowNumbers[numberSlot];
            }

            int labelSlot = labelSlots[i];
            if (labelSlot >= 0)
            {
                _codeColumns[labelSlot][row] = _interners[labelSlot].GetOrAdd(FieldBytes(data, requested[i]));
            }
        }

        _rows++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> FieldBytes(ReadOnlySpan<byte> data, int field) =>
        _fieldEscaped[field]
            ? _unescaped.AsSpan(_fieldStart[field], _fieldLength[field])
            : data.Slice(_fieldStart[field], _fieldLength[field]);

    private bool TryNumber(ReadOnlySpan<byte> value, long line, int field, out double number)
    {
        bool parsed = Utf8Double.TryParse(value, out number);
        if (parsed && double.IsFinite(number))
        {
            return true;
        }

        string message = value.Trim((byte)' ').IsEmpty
            ? "empty value; expected a finite number such as 0.25"
            : parsed
                ? "is not finite; expected a finite number such as 0.25"
                : "is not a number; expected a finite number such as 0.25";
        AddProblem(line, _plan.Header[field], value, message);
        return false;
    }

    private void AddProblem(long line, string? column, ReadOnlySpan<byte> value, string message)
    {
        if (_problems.Count >= _maxListed)
        {
            _unlisted++;
            return;
        }

        string? text = null;
        if (column is not null && !value.Trim((byte)' ').IsEmpty)
        {
            text = InputProblem.Shorten(value);
            message = InputProblem.Quote(text) + " " + message;
        }

        _problems.Add(new LocalProblem(line, column, text, message));
    }

    private void RowFailed()
    {
        if (_policy == BadRowPolicy.Skip)
        {
            _skipped++;
        }
    }

    private void EnsureUnescapedRoom(int needed)
    {
        if (needed > _unescaped.Length)
        {
            byte[] bigger = new byte[Math.Max(needed, _unescaped.Length * 2)];
            _unescaped.CopyTo(bigger, 0);
            _unescaped = bigger;
        }
    }

    /// <summary>Copies a quoted field's content turning each doubled quote into one; returns the length.</summary>
    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            destination[written++] = raw[i];
            if (raw[i] == (byte)'"' && i + 1 < raw.Length && raw[i + 1] == (byte)'"')
            {
                i++;
            }
        }

        return written;
    }

    private readonly record struct LocalProblem(long Line, string? Column, string? Value, string Message);
}
