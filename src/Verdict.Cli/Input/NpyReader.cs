using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Verdict.Cli.Input;

/// <summary>The element types of a NumPy array that can be read.</summary>
internal enum NpyType
{
    /// <summary><c>b1</c> / <c>?</c>: one byte, 0 or 1.</summary>
    Bool = 0,

    /// <summary><c>i1</c>.</summary>
    Int8,

    /// <summary><c>i2</c>.</summary>
    Int16,

    /// <summary><c>i4</c>.</summary>
    Int32,

    /// <summary><c>i8</c>.</summary>
    Int64,

    /// <summary><c>u1</c>.</summary>
    UInt8,

    /// <summary><c>u2</c>.</summary>
    UInt16,

    /// <summary><c>u4</c>.</summary>
    UInt32,

    /// <summary><c>u8</c>.</summary>
    UInt64,

    /// <summary><c>f2</c> (half precision).</summary>
    Float16,

    /// <summary><c>f4</c>.</summary>
    Float32,

    /// <summary><c>f8</c>.</summary>
    Float64,

    /// <summary><c>S</c>n: fixed-width bytes, trailing NULs dropped (labels only).</summary>
    Bytes,

    /// <summary><c>U</c>n: fixed-width UTF-32 text, trailing NULs dropped (labels only).</summary>
    Unicode,
}

/// <summary>
/// The header of a <c>.npy</c> file (NPY format versions 1.0, 2.0 and 3.0).
/// </summary>
/// <param name="Version">"1.0", "2.0" or "3.0".</param>
/// <param name="Type">The element type.</param>
/// <param name="ItemSize">Bytes per element.</param>
/// <param name="BigEndian">Whether multi-byte elements are big-endian (<c>&gt;</c>); <c>&lt;</c>, <c>|</c> and <c>=</c> on this machine are little-endian.</param>
/// <param name="FortranOrder">Whether a 2-D array is stored column by column.</param>
/// <param name="Shape">The array's dimensions.</param>
/// <param name="DataOffset">Where the data starts in the file.</param>
internal sealed record NpyHeader(string Version, NpyType Type, int ItemSize, bool BigEndian, bool FortranOrder, long[] Shape, long DataOffset)
{
    /// <summary>The number of rows: the first dimension.</summary>
    public long Rows => Shape.Length == 0 ? 1 : Shape[0];

    /// <summary>The number of columns: 1 for a 1-D array, k for an (n, k) array.</summary>
    public long Columns => Shape.Length == 2 ? Shape[1] : 1;

    /// <summary>Whether the elements are text (<see cref="NpyType.Bytes"/>, <see cref="NpyType.Unicode"/>).</summary>
    public bool IsText => Type is NpyType.Bytes or NpyType.Unicode;

    /// <summary>Whether the elements are floating point.</summary>
    public bool IsFloat => Type is NpyType.Float16 or NpyType.Float32 or NpyType.Float64;
}

/// <summary>
/// A NumPy array read into memory: the header and the raw element bytes (at most 2 GB). Columns are decoded
/// on demand as numbers or labels; C and Fortran order and both byte orders are handled here.
/// </summary>
internal sealed class NpyArray
{
    private readonly byte[] _data;

    /// <summary>Wraps the data of an array with <paramref name="header"/>.</summary>
    public NpyArray(NpyHeader header, byte[] data)
    {
        Header = header;
        _data = data;
    }

    /// <summary>The file's header.</summary>
    public NpyHeader Header { get; }

    /// <summary>The number of rows (first dimension).</summary>
    public int Rows => (int)Header.Rows;

    /// <summary>The number of columns (1 for a 1-D array).</summary>
    public int Columns => (int)Header.Columns;

    /// <summary>
    /// Column <paramref name="column"/> as doubles: integers and booleans converted (true = 1), floats as stored
    /// (NaN and infinities included; the caller validates). Text arrays are not numbers.
    /// </summary>
    public double[] Numbers(int column)
    {
        if (Header.IsText)
        {
            throw new InvalidOperationException("A text array has no numbers.");
        }

        var result = new double[Rows];
        for (int r = 0; r < result.Length; r++)
        {
            result[r] = NumberAt(Offset(r, column));
        }

        return result;
    }

    /// <summary>
    /// Column <paramref name="column"/> as labels in first-seen order. Integers keep their decimal text,
    /// booleans become "False"/"True" and floats Python's spelling ("1.0", "0.5", "nan"), as
    /// <c>str()</c> of the NumPy value prints them; text arrays keep their text.
    /// </summary>
    public LabelColumn Labels(string name, int column)
    {
        var codes = new int[Rows];
        if (Header.IsText)
        {
            var interner = new ByteInterner();
            var utf8 = new byte[Header.ItemSize * 4];
            for (int r = 0; r < codes.Length; r++)
            {
                codes[r] = interner.GetOrAdd(TextAt(Offset(r, column), utf8));
            }

            return TableBuilder.Finish(name, codes, interner);
        }

        var index = new Dictionary<ulong, int>();
        var values = new List<string>();
        for (int r = 0; r < codes.Length; r++)
        {
            long offset = Offset(r, column);
            ulong key = KeyAt(offset);
            if (!index.TryGetValue(key, out int code))
            {
                code = values.Count;
                index.Add(key, code);
                values.Add(LabelText(offset));
            }

            codes[r] = code;
        }

        return new LabelColumn(name, codes, [.. values]);
    }

    private long Offset(int row, int column)
    {
        long element = Header.Shape.Length < 2
            ? row
            : Header.FortranOrder ? (long)column * Rows + row : (long)row * Columns + column;
        return element * Header.ItemSize;
    }

    private double NumberAt(long offset)
    {
        ReadOnlySpan<byte> b = _data.AsSpan((int)offset, Header.ItemSize);
        bool big = Header.BigEndian;
        return Header.Type switch
        {
            NpyType.Bool => b[0] != 0 ? 1 : 0,
            NpyType.Int8 => (sbyte)b[0],
            NpyType.UInt8 => b[0],
            NpyType.Int16 => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
            NpyType.UInt16 => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
            NpyType.Int32 => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
            NpyType.UInt32 => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
            NpyType.Int64 => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
            NpyType.UInt64 => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
            NpyType.Float16 => (double)(big ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
            NpyType.Float32 => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
            NpyType.Float64 => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
            _ => throw new InvalidOperationException("A text array has no numbers."),
        };
    }

    /// <summary>A key that is equal exactly when two elements are equal (the element's bits; all NaNs one key).</summary>
    private ulong KeyAt(long offset)
    {
        if (Header.IsFloat)
        {
            double d = NumberAt(offset);
            return double.IsNaN(d) ? 0x7FF8000000000000UL : (ulong)BitConverter.DoubleToInt64Bits(d);
        }

        ReadOnlySpan<byte> b = _data.AsSpan((int)offset, Header.ItemSize);
        ulong key = 0;
        if (Header.BigEndian)
        {
            for (int i = 0; i < b.Length; i++)
            {
                key = (key << 8) | b[i];
            }
        }
        else
        {
            for (int i = b.Length - 1; i >= 0; i--)
            {
                key = (key << 8) | b[i];
            }
        }

        return Header.Type == NpyType.Bool ? (key != 0 ? 1UL : 0UL) : key;
    }

    private string LabelText(long offset)
    {
        ReadOnlySpan<byte> b = _data.AsSpan((int)offset, Header.ItemSize);
        bool big = Header.BigEndian;
        switch (Header.Type)
        {
            case NpyType.Bool:
                return b[0] != 0 ? "True" : "False";
            case NpyType.UInt64:
                return (big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b)).ToString(CultureInfo.InvariantCulture);
            case NpyType.Int64:
                return (big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b)).ToString(CultureInfo.InvariantCulture);
            case NpyType.Float16:
            case NpyType.Float32:
            case NpyType.Float64:
                return PythonFloat(NumberAt(offset), Header.Type);
            default:
                return ((long)NumberAt(offset)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A float as NumPy's <c>str()</c> prints it: shortest round-trip digits, ".0" on whole numbers, "nan", "inf".</summary>
    private static string PythonFloat(double value, NpyType type)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        string text = type switch
        {
            NpyType.Float16 => ((Half)value).ToString("R", CultureInfo.InvariantCulture),
            NpyType.Float32 => ((float)value).ToString("R", CultureInfo.InvariantCulture),
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };
        if (text.Contains('E', StringComparison.Ordinal))
        {
            // .NET writes 1E+16; Python writes 1e+16.
            text = text.Replace("E", "e", StringComparison.Ordinal);
        }
        else if (!text.Contains('.', StringComparison.Ordinal))
        {
            text += ".0";
        }

        return text;
    }

    private ReadOnlySpan<byte> TextAt(long offset, byte[] utf8)
    {
        ReadOnlySpan<byte> b = _data.AsSpan((int)offset, Header.ItemSize);
        if (Header.Type == NpyType.Bytes)
        {
            int end = b.Length;
            while (end > 0 && b[end - 1] == 0)
            {
                end--;
            }

            return b[..end];
        }

        int written = 0;
        for (int i = 0; i + 4 <= b.Length; i += 4)
        {
            uint cp = Header.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b[i..]) : BinaryPrimitives.ReadUInt32LittleEndian(b[i..]);
            if (cp == 0)
            {
                // NumPy pads with NULs; a NUL ends the text.
                break;
            }

            var rune = Rune.IsValid(cp) ? new Rune(cp) : Rune.ReplacementChar;
            written += rune.EncodeToUtf8(utf8.AsSpan(written));
        }

        return utf8.AsSpan(0, written);
    }
}

/// <summary>
/// Reads NumPy <c>.npy</c> files: versions 1.0, 2.0 and 3.0; dtypes bool, int8-64, uint8-64, float16/32/64
/// and fixed-width text (<c>S</c>, <c>U</c>, labels only); little, big or no byte order; C or Fortran order;
/// 1-D arrays (one column) and 2-D arrays (one column per second index).
/// </summary>
internal static class NpyReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the header and the data of <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = InputSource.OpenFile(path);
        NpyHeader header = ReadHeader(file, path);
        long bytes = checked(header.Rows * header.Columns * header.ItemSize);
        if (bytes > Array.MaxLength)
        {
            throw new InputException(new InputProblem(path, 0, null, null,
                "the array is larger than 2 GB; save a smaller array or use CSV"));
        }

        var data = new byte[bytes];
        file.Position = header.DataOffset;
        int got = InputSource.ReadUpTo(file, data);
        if (got < bytes)
        {
            throw new InputException(new InputProblem(path, 0, null, null, string.Create(CultureInfo.InvariantCulture,
                $"the file is truncated: the header promises {bytes} bytes of data but only {got} follow")));
        }

        return new NpyArray(header, data);
    }

    /// <summary>Reads only the header of <paramref name="path"/>.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = InputSource.OpenFile(path);
        return ReadHeader(file, path);
    }

    /// <summary>Parses an NPY header from <paramref name="stream"/>, which is left at the start of the data.</summary>
    public static NpyHeader ReadHeader(Stream stream, string file)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[12];
        int got = InputSource.ReadUpTo(stream, prefix[..10]);
        if (got < 10 || !prefix[..6].SequenceEqual(Magic))
        {
            throw Bad(file, "is not a NumPy .npy file (it does not start with \\x93NUMPY); save arrays with numpy.save");
        }

        int major = prefix[6];
        int minor = prefix[7];
        long headerLength;
        long dataOffset;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
            dataOffset = 10 + headerLength;
        }
        else if (major is 2 or 3)
        {
            if (InputSource.ReadUpTo(stream, prefix[10..12]) < 2)
            {
                throw Bad(file, "the .npy header is truncated");
            }

            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
            dataOffset = 12 + headerLength;
        }
        else
        {
            throw Bad(file, string.Create(CultureInfo.InvariantCulture, $"NPY format version {major}.{minor} is not supported; expected 1.0, 2.0 or 3.0"));
        }

        if (headerLength > 1 << 24)
        {
            throw Bad(file, "the .npy header is implausibly long; the file is corrupt");
        }

        var headerBytes = new byte[headerLength];
        if (InputSource.ReadUpTo(stream, headerBytes) < headerLength)
        {
            throw Bad(file, "the .npy header is truncated");
        }

        string text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        string version = string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}");
        string descr = StringValue(text, "descr", file);
        bool fortran = BoolValue(text, "fortran_order", file);
        long[] shape = ShapeValue(text, file);
        (NpyType type, int size, bool big) = ParseDescr(descr, file);
        if (shape.Length is 0 or > 2)
        {
            throw Bad(file, string.Create(CultureInfo.InvariantCulture,
                $"the array has {shape.Length} dimensions; expected a 1-D array (one column) or a 2-D array (one column per second index)"));
        }

        if (shape[0] > Array.MaxLength || (shape.Length == 2 && shape[1] > int.MaxValue))
        {
            throw Bad(file, "the array has too many rows");
        }

        return new NpyHeader(version, type, size, big, fortran, shape, dataOffset);
    }

    private static (NpyType Type, int Size, bool BigEndian) ParseDescr(string descr, string file)
    {
        string d = descr;
        bool big = false;
        if (d.Length > 0 && d[0] is '<' or '>' or '|' or '=')
        {
            big = d[0] == '>' || (d[0] == '=' && !BitConverter.IsLittleEndian);
            d = d[1..];
        }

        if (d == "?")
        {
            return (NpyType.Bool, 1, false);
        }

        if (d.Length >= 2 && int.TryParse(d.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int size))
        {
            NpyType? type = (d[0], size) switch
            {
                ('b', 1) => NpyType.Bool,
                ('i', 1) => NpyType.Int8,
                ('i', 2) => NpyType.Int16,
                ('i', 4) => NpyType.Int32,
                ('i', 8) => NpyType.Int64,
                ('u', 1) => NpyType.UInt8,
                ('u', 2) => NpyType.UInt16,
                ('u', 4) => NpyType.UInt32,
                ('u', 8) => NpyType.UInt64,
                ('f', 2) => NpyType.Float16,
                ('f', 4) => NpyType.Float32,
                ('f', 8) => NpyType.Float64,
                ('S', > 0) => NpyType.Bytes,
                ('U', > 0) => NpyType.Unicode,
                _ => null,
            };
            if (type is NpyType t)
            {
                return (t, t == NpyType.Unicode ? checked(size * 4) : size, big && t != NpyType.Bytes);
            }
        }

        throw Bad(file, $"the dtype '{descr}' is not supported; expected bool, int8-64, uint8-64, float16/32/64 or a fixed-width string (e.g. arr.astype('float64'))");
    }

    private static int ValueStart(string text, string key, string file)
    {
        int at = text.IndexOf("'" + key + "'", StringComparison.Ordinal);
        if (at < 0)
        {
            at = text.IndexOf("\"" + key + "\"", StringComparison.Ordinal);
        }

        if (at < 0)
        {
            throw Bad(file, $"the .npy header has no '{key}'; the file is corrupt");
        }

        int colon = text.IndexOf(':', at + key.Length + 2);
        if (colon < 0)
        {
            throw Bad(file, $"the .npy header's '{key}' has no value; the file is corrupt");
        }

        int i = colon + 1;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static string StringValue(string text, string key, string file)
    {
        int i = ValueStart(text, key, file);
        if (i < text.Length && text[i] == '[')
        {
            throw Bad(file, "the array has a structured dtype (named fields); save each field as its own .npy file");
        }

        if (i >= text.Length || text[i] is not ('\'' or '"'))
        {
            throw Bad(file, $"the .npy header's '{key}' is not a string; the file is corrupt");
        }

        int end = text.IndexOf(text[i], i + 1);
        if (end < 0)
        {
            throw Bad(file, $"the .npy header's '{key}' is not a string; the file is corrupt");
        }

        return text[(i + 1)..end];
    }

    private static bool BoolValue(string text, string key, string file)
    {
        int i = ValueStart(text, key, file);
        if (string.CompareOrdinal(text, i, "True", 0, 4) == 0)
        {
            return true;
        }

        if (string.CompareOrdinal(text, i, "False", 0, 5) == 0)
        {
            return false;
        }

        throw Bad(file, $"the .npy header's '{key}' is not True or False; the file is corrupt");
    }

    private static long[] ShapeValue(string text, string file)
    {
        int i = ValueStart(text, "shape", file);
        int end = i < text.Length && text[i] == '(' ? text.IndexOf(')', i) : -1;
        if (end < 0)
        {
            throw Bad(file, "the .npy header's 'shape' is not a tuple; the file is corrupt");
        }

        var dims = new List<long>();
        foreach (string part in text[(i + 1)..end].Split(','))
        {
            string p = part.Trim().TrimEnd('L');
            if (p.Length == 0)
            {
                continue;
            }

            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long dim))
            {
                throw Bad(file, "the .npy header's 'shape' is not a tuple of integers; the file is corrupt");
            }

            dims.Add(dim);
        }

        return [.. dims];
    }

    private static InputException Bad(string file, string message) => new(new InputProblem(file, 0, null, null, message));
}
