using System.Text;

namespace Verdict.Cli.Input;

/// <summary>
/// Reads CSV/TSV: a header row, then records (RFC 4180 quoting: quoted fields may hold the delimiter,
/// doubled quotes and line breaks), UTF-8 with or without a BOM, <c>\n</c> or <c>\r\n</c> line ends, the
/// final line end optional, empty lines ignored. Fields are kept exactly as written (no trimming) except
/// that numbers may be surrounded by spaces.
/// </summary>
/// <remarks>
/// The input is read in blocks (<see cref="ReadOptions.BlockSize"/>) on a background task while the previous
/// block is parsed. The complete records of a block that holds no quote character are split at line ends
/// and parsed on every core, each part into its own <see cref="DelimitedChunkParser"/>; the parts are then
/// merged in file order, so the result is the same as a sequential parse. Blocks with quotes are parsed
/// sequentially (a line end inside quotes is not a record end).
/// </remarks>
internal static class DelimitedReader
{
    /// <summary>Runs of complete records shorter than this are parsed on one thread.</summary>
    internal const int MinParallelBytes = 256 * 1024;

    /// <summary>
    /// Reads the requested columns of a CSV/TSV input; with a <paramref name="sink"/>, each block's rows are handed
    /// to it instead of kept (see <see cref="TableReader.Stream"/>).
    /// </summary>
    public static Table Read(InputSource source, IReadOnlyList<ColumnSpec> columns, ReadOptions options, Action<RowBlock>? sink = null)
    {
        using var blocks = new BlockBuffer(source, options.BlockSize);
        string[]? header = ReadHeaderRecord(blocks, source.Delimiter, out long headerLines);
        if (header is null)
        {
            throw new InputException(new InputProblem(source.DisplayName, 0, null, null,
                "the input is empty; expected a header row and at least one data row"));
        }

        var plan = ColumnPlan.Create(source.DisplayName, header, columns);
        long lines = sink is null ? source.CountLines() : -1;
        int capacity = lines < 0 ? 1 << 16 : (int)Math.Clamp(lines - headerLines, 16, Array.MaxLength);
        var table = new TableBuilder(source.DisplayName, plan, options, capacity, sink);
        int workers = Math.Clamp(options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount, 1, 64);
        var parsers = new DelimitedChunkParser[workers];
        parsers[0] = new DelimitedChunkParser(plan, source.Delimiter, options);
        long nextLine = headerLines + 1;
        var pieceStart = new int[workers];
        var pieceLength = new int[workers];
        var pieceRows = new int[workers];

        while (true)
        {
            ReadOnlySpan<byte> available = blocks.Available;
            if (available.IsEmpty)
            {
                if (blocks.AtEnd)
                {
                    break;
                }

                blocks.ReadMore();
                continue;
            }

            int complete = blocks.AtEnd ? available.Length : available.LastIndexOf((byte)'\n') + 1;
            if (complete == 0)
            {
                blocks.ReadMore(); // not one whole line yet
                continue;
            }

            int consumed;
            if (workers > 1 && complete >= MinParallelBytes && !available[..complete].Contains((byte)'"'))
            {
                int pieces = Split(available[..complete], blocks.Offset, pieceStart, pieceLength);
                byte[] buffer = blocks.Buffer;
                int reserved = 0;
                for (int i = 0; i < pieces; i++)
                {
                    parsers[i] ??= new DelimitedChunkParser(plan, source.Delimiter, options);
                    pieceRows[i] = DelimitedChunkParser.MaxRecords(buffer.AsSpan(pieceStart[i], pieceLength[i]), final: true);
                    reserved += pieceRows[i];
                }

                table.Reserve(reserved);
                int start = (int)table.Rows;
                for (int i = 0; i < pieces; i++)
                {
                    parsers[i].Begin(table, start, pieceRows[i]);
                    start += pieceRows[i];
                }

                Parallel.For(0, pieces, i => parsers[i].Parse(buffer.AsSpan(pieceStart[i], pieceLength[i]), final: true));
                for (int i = 0; i < pieces; i++)
                {
                    nextLine += parsers[i].MergeInto(table, nextLine);
                }

                consumed = complete;
            }
            else
            {
                int bound = DelimitedChunkParser.MaxRecords(available, blocks.AtEnd);
                table.Reserve(bound);
                parsers[0].Begin(table, (int)table.Rows, bound);
                consumed = parsers[0].Parse(available, blocks.AtEnd);
                nextLine += parsers[0].MergeInto(table, nextLine);
            }

            blocks.Consume(consumed);
            table.Flush();
            if (!blocks.AtEnd)
            {
                blocks.ReadMore();
            }
            else if (consumed == 0)
            {
                break;
            }
        }

        return table.Build(sawHeader: true);
    }

    /// <summary>The column names of a CSV/TSV input (its first record), or an empty list for an empty input.</summary>
    public static IReadOnlyList<string> ReadHeader(InputSource source, ReadOptions options)
    {
        using var blocks = new BlockBuffer(source, Math.Min(options.BlockSize, 64 * 1024));
        return ReadHeaderRecord(blocks, source.Delimiter, out _) ?? [];
    }

    /// <summary>Splits complete records into one part per worker at line ends; returns the number of parts.</summary>
    private static int Split(ReadOnlySpan<byte> records, int offset, int[] starts, int[] lengths)
    {
        int workers = starts.Length;
        int count = 0;
        int from = 0;
        for (int i = 0; i < workers && from < records.Length; i++)
        {
            int to;
            if (i == workers - 1)
            {
                to = records.Length;
            }
            else
            {
                int target = Math.Max(from, (int)((long)records.Length * (i + 1) / workers));
                int k = records[target..].IndexOf((byte)'\n');
                to = k < 0 ? records.Length : target + k + 1;
            }

            starts[count] = offset + from;
            lengths[count] = to - from;
            count++;
            from = to;
        }

        return count;
    }

    /// <summary>
    /// Reads the first non-empty record as the header (after a UTF-8 BOM); null for an input with no record.
    /// <paramref name="lines"/> is how many lines the header and any empty lines before it took.
    /// </summary>
    private static string[]? ReadHeaderRecord(BlockBuffer blocks, byte delimiter, out long lines)
    {
        lines = 0;
        bool bomChecked = false;
        var fields = new List<string>();
        while (true)
        {
            ReadOnlySpan<byte> data = blocks.Available;
            if (!bomChecked && (data.Length >= 3 || blocks.AtEnd))
            {
                bomChecked = true;
                if (data.StartsWith("\uFEFF"u8))
                {
                    blocks.Consume(3);
                    continue;
                }
            }

            if (bomChecked)
            {
                int consumed = TryReadRecord(data, blocks.AtEnd, delimiter, fields, out int recordLines);
                if (consumed > 0)
                {
                    blocks.Consume(consumed);
                    lines += recordLines;
                    if (fields.Count == 1 && fields[0].Length == 0)
                    {
                        continue; // an empty line before the header
                    }

                    return [.. fields];
                }

                if (blocks.AtEnd)
                {
                    return null;
                }
            }

            blocks.ReadMore();
        }
    }

    /// <summary>
    /// Parses one record into strings (quote-aware, used for the header). Returns the bytes consumed, or 0
    /// when the record is not complete in <paramref name="data"/> (and <paramref name="final"/> is false) or there is no data.
    /// </summary>
    private static int TryReadRecord(ReadOnlySpan<byte> data, bool final, byte delimiter, List<string> fields, out int lines)
    {
        fields.Clear();
        lines = 0;
        if (data.IsEmpty)
        {
            return 0;
        }

        var field = new List<byte>();
        bool inQuotes = false;
        bool wasQuoted = false;
        int i = 0;
        while (i < data.Length)
        {
            byte b = data[i];
            if (inQuotes)
            {
                if (b == (byte)'"')
                {
                    if (i + 1 < data.Length && data[i + 1] == (byte)'"')
                    {
                        field.Add(b);
                        i += 2;
                        continue;
                    }

                    if (i + 1 == data.Length && !final)
                    {
                        return 0;
                    }

                    inQuotes = false;
                }
                else
                {
                    lines += b == (byte)'\n' ? 1 : 0;
                    field.Add(b);
                }

                i++;
                continue;
            }

            if (b == (byte)'"' && field.Count == 0 && !wasQuoted)
            {
                inQuotes = wasQuoted = true;
            }
            else if (b == delimiter)
            {
                fields.Add(Encoding.UTF8.GetString([.. field]));
                field.Clear();
                wasQuoted = false;
            }
            else if (b == (byte)'\n')
            {
                if (!wasQuoted && field.Count > 0 && field[^1] == (byte)'\r')
                {
                    field.RemoveAt(field.Count - 1);
                }

                fields.Add(Encoding.UTF8.GetString([.. field]));
                lines++;
                return i + 1;
            }
            else if (b != (byte)'\r' || !wasQuoted)
            {
                field.Add(b);
            }

            i++;
        }

        if (!final)
        {
            return 0;
        }

        if (!wasQuoted && field.Count > 0 && field[^1] == (byte)'\r')
        {
            field.RemoveAt(field.Count - 1);
        }

        fields.Add(Encoding.UTF8.GetString([.. field]));
        lines++;
        return data.Length;
    }
}
