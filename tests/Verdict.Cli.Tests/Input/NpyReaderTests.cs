using System.Buffers.Binary;
using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public sealed class NpyReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Encodes <paramref name="values"/> as the element type <paramref name="code"/> (e.g. "i2") in the given byte order.</summary>
    private static byte[] Encode(string code, bool bigEndian, params double[] values)
    {
        int size = int.Parse(code.AsSpan(1), provider: System.Globalization.CultureInfo.InvariantCulture);
        var data = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            Span<byte> b = data.AsSpan(i * size, size);
            double v = values[i];
            switch (code)
            {
                case "b1": b[0] = v != 0 ? (byte)1 : (byte)0; break;
                case "i1": b[0] = (byte)(sbyte)v; break;
                case "u1": b[0] = (byte)v; break;
                case "i2": if (bigEndian) { BinaryPrimitives.WriteInt16BigEndian(b, (short)v); } else { BinaryPrimitives.WriteInt16LittleEndian(b, (short)v); } break;
                case "u2": if (bigEndian) { BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); } else { BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); } break;
                case "i4": if (bigEndian) { BinaryPrimitives.WriteInt32BigEndian(b, (int)v); } else { BinaryPrimitives.WriteInt32LittleEndian(b, (int)v); } break;
                case "u4": if (bigEndian) { BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v); } else { BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)v); } break;
                case "i8": if (bigEndian) { BinaryPrimitives.WriteInt64BigEndian(b, (long)v); } else { BinaryPrimitives.WriteInt64LittleEndian(b, (long)v); } break;
                case "u8": if (bigEndian) { BinaryPrimitives.WriteUInt64BigEndian(b, (ulong)v); } else { BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)v); } break;
                case "f2": if (bigEndian) { BinaryPrimitives.WriteHalfBigEndian(b, (Half)v); } else { BinaryPrimitives.WriteHalfLittleEndian(b, (Half)v); } break;
                case "f4": if (bigEndian) { BinaryPrimitives.WriteSingleBigEndian(b, (float)v); } else { BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); } break;
                case "f8": if (bigEndian) { BinaryPrimitives.WriteDoubleBigEndian(b, v); } else { BinaryPrimitives.WriteDoubleLittleEndian(b, v); } break;
                default: throw new ArgumentException(code);
            }
        }

        return data;
    }

    public static TheoryData<string, char> DtypesAndOrders()
    {
        var data = new TheoryData<string, char>();
        foreach (string code in new[] { "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8" })
        {
            char[] orders = code[1] == '1' ? ['|', '<', '>'] : ['<', '>'];
            foreach (char order in orders)
            {
                data.Add(code, order);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DtypesAndOrders))]
    public void Read_EachDtypeAndByteOrder_NumbersAndLabels(string code, char order)
    {
        double[] values = code[0] == 'u' ? [0, 1, 2, 100, 1, 0] : code[0] == 'i' ? [0, -1, 2, 100, -1, 0] : [0, -1.5, 0.25, 100, -1.5, 0];
        string path = _files.Npy("y.npy", order + code, [values.Length], Encode(code, order == '>', values));

        Table table = TableReader.Read(path, [ColumnSpec.Number("y"), ColumnSpec.Label("y")], new ReadOptions());

        Assert.Equal(values.Length, table.Rows);
        Assert.Equal(["y"], table.Header);
        Assert.Equal(values, table.Numbers("y"));
        LabelColumn labels = table.Labels("y");
        string[] expected = code[0] == 'f' ? ["0.0", "-1.5", "0.25", "100.0"] : code[0] == 'u' ? ["0", "1", "2", "100"] : ["0", "-1", "2", "100"];
        Assert.Equal(expected, labels.Values);
        Assert.Equal([0, 1, 2, 3, 1, 0], labels.Codes);
    }

    [Theory]
    [InlineData("|b1")]
    [InlineData("<b1")]
    [InlineData("|?")]
    public void Read_Bool_LabelsFalseTrueAndNumbersZeroOne(string descr)
    {
        string path = _files.Npy("y_true.npy", descr, [4], [1, 0, 0, 1]);

        Table table = TableReader.Read(path, [ColumnSpec.Label("y_true"), ColumnSpec.Number("y_true")], new ReadOptions());

        Assert.Equal(["True", "False"], table.Labels("y_true").Values);
        Assert.Equal([0, 1, 1, 0], table.Labels("y_true").Codes);
        Assert.Equal([1.0, 0, 0, 1], table.Numbers("y_true"));
    }

    [Fact]
    public void Read_Int64Extremes_ExactLabels()
    {
        byte[] data = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(data, long.MinValue);
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(8), 0);
        string signed = _files.Npy("a.npy", "<i8", [2], data);
        byte[] unsignedData = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(unsignedData, ulong.MaxValue);
        string unsigned = _files.Npy("b.npy", ">u8", [1], unsignedData);

        Assert.Equal(["-9223372036854775808", "0"], TableReader.Read(signed, [ColumnSpec.Label("a")], new ReadOptions()).Labels("a").Values);
        Assert.Equal(["18446744073709551615"], TableReader.Read(unsigned, [ColumnSpec.Label("b")], new ReadOptions()).Labels("b").Values);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_HeaderVersions_Supported(int major)
    {
        string path = _files.Npy("s.npy", "<f8", [3], Encode("f8", false, 0.1, 0.2, 0.3), major: major);

        Assert.Equal([0.1, 0.2, 0.3], TableReader.Read(path, [ColumnSpec.Number("s")], new ReadOptions()).Numbers("s"));
        Assert.Equal($"{major}.0", NpyReader.ReadHeader(path).Version);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_TwoDimensional_ColumnsNamedWithIndex(bool fortranOrder)
    {
        // proba = [[0.1, 0.9], [0.8, 0.2], [0.5, 0.5]]
        double[] cOrder = [0.1, 0.9, 0.8, 0.2, 0.5, 0.5];
        double[] fOrder = [0.1, 0.8, 0.5, 0.9, 0.2, 0.5];
        string path = _files.Npy("proba.npy", "<f4", [3, 2], Encode("f4", false, fortranOrder ? fOrder : cOrder), fortranOrder);

        Table table = TableReader.Read(path, [ColumnSpec.Number("proba[0]"), ColumnSpec.Number("proba[1]")], new ReadOptions());

        Assert.Equal(["proba[0]", "proba[1]"], table.Header);
        Assert.Equal(new[] { 0.1f, 0.8f, 0.5f }.Select(f => (double)f), table.Numbers("proba[0]"));
        Assert.Equal(new[] { 0.9f, 0.2f, 0.5f }.Select(f => (double)f), table.Numbers("proba[1]"));
    }

    [Fact]
    public void Read_TwoDimensionalInts_MultilabelIndicatorColumns()
    {
        string path = _files.Npy("Y.npy", ">i4", [2, 3], Encode("i4", true, 1, 0, 1, 0, 1, 1), fortranOrder: false);

        Table table = TableReader.Read(path, [ColumnSpec.Label("Y[0]"), ColumnSpec.Label("Y[2]")], new ReadOptions());

        Assert.Equal(["1", "0"], table.Labels("Y[0]").Values);
        Assert.Equal([0, 0], table.Labels("Y[2]").Codes);
    }

    [Fact]
    public void ReadNpy_SeveralFiles_OneTable()
    {
        string actual = _files.Npy("y_true.npy", "<i8", [4], Encode("i8", false, 0, 1, 1, 0));
        string scores = _files.Npy("scores.npy", "<f8", [4], Encode("f8", false, 0.1, 0.9, 0.6, 0.4));

        Table table = TableReader.ReadNpy([actual, scores], [ColumnSpec.Label("y_true"), ColumnSpec.Number("scores")], new ReadOptions());

        Assert.Equal(4, table.Rows);
        Assert.Equal(["y_true", "scores"], table.Header);
        Assert.Equal(["0", "1"], table.Labels("y_true").Values);
        Assert.Equal([0.1, 0.9, 0.6, 0.4], table.Numbers("scores"));
    }

    [Fact]
    public void Read_TextArrays_LabelsFromUnicodeAndBytes()
    {
        byte[] unicode = new byte[3 * 3 * 4];
        string[] words = ["cat", "éa", "cat"];
        for (int i = 0; i < words.Length; i++)
        {
            int j = 0;
            foreach (Rune rune in words[i].EnumerateRunes())
            {
                BinaryPrimitives.WriteInt32LittleEndian(unicode.AsSpan((i * 12) + (j++ * 4)), rune.Value);
            }
        }

        string u = _files.Npy("u.npy", "<U3", [3], unicode);
        string s = _files.Npy("s.npy", "|S2", [3], [(byte)'a', 0, (byte)'b', (byte)'c', (byte)'a', 0]);

        Table table = TableReader.ReadNpy([u, s], [ColumnSpec.Label("u"), ColumnSpec.Label("s")], new ReadOptions());

        Assert.Equal(["cat", "éa"], table.Labels("u").Values);
        Assert.Equal([0, 1, 0], table.Labels("u").Codes);
        Assert.Equal(["a", "bc"], table.Labels("s").Values);
    }

    [Fact]
    public void Read_TextArrayAsNumbers_IsAProblem()
    {
        string s = _files.Npy("s.npy", "|S1", [1], [(byte)'a']);

        var e = Assert.Throws<InputException>(() => TableReader.Read(s, [ColumnSpec.Number("s")], new ReadOptions()));

        Assert.Equal($"{s} column s: holds text; expected numbers (a bool, integer or float array)", e.Message);
    }

    [Fact]
    public void Read_NonFiniteNumbers_ReportedByIndex()
    {
        string path = _files.Npy("scores.npy", "<f8", [4], Encode("f8", false, 0.5, double.NaN, 0.25, double.PositiveInfinity));

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Number("scores")], new ReadOptions()));

        Assert.Equal(
            [
                $"{path} index 1, column scores: 'nan' is not finite; expected a finite number such as 0.25",
                $"{path} index 3, column scores: 'inf' is not finite; expected a finite number such as 0.25",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_NonFiniteSkipMode_RowsLeftOutOfEveryColumn()
    {
        string y = _files.Npy("y.npy", "<i1", [4], Encode("i1", false, 3, 1, 2, 1));
        string p = _files.Npy("p.npy", "<f8", [4], Encode("f8", false, 0.5, double.NaN, 0.25, 0.75));

        Table table = TableReader.ReadNpy([y, p], [ColumnSpec.Label("y"), ColumnSpec.Number("p")], new ReadOptions { OnBadRow = BadRowPolicy.Skip });

        Assert.Equal(3, table.Rows);
        Assert.Equal(1, table.SkippedRows);
        Assert.Equal(["3", "2", "1"], table.Labels("y").Values);
        Assert.Equal([0.5, 0.25, 0.75], table.Numbers("p"));
        Assert.Equal(2, Assert.Single(table.SkipReasons).Line);
    }

    [Fact]
    public void Read_NaNLabel_IsAProblem()
    {
        string path = _files.Npy("y.npy", "<f4", [2], Encode("f4", false, 1, double.NaN));

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("y")], new ReadOptions()));

        Assert.Equal($"{path} index 1, column y: 'nan' is not a label; expected a class label", e.Message);
    }

    [Fact]
    public void ReadNpy_DifferentLengths_IsAProblem()
    {
        string a = _files.Npy("a.npy", "<f8", [2], Encode("f8", false, 1, 2));
        string b = _files.Npy("b.npy", "<f8", [3], Encode("f8", false, 1, 2, 3));

        var e = Assert.Throws<InputException>(() => TableReader.ReadNpy([a, b], [ColumnSpec.Number("a")], new ReadOptions()));

        Assert.Equal($"{b}: the array has 3 rows but {a} has 2; every array must have one entry per row", e.Message);
    }

    [Fact]
    public void ReadNpy_MissingColumn_ListsStemsAndSuggests()
    {
        string a = _files.Npy("scores.npy", "<f8", [1], Encode("f8", false, 1));

        var e = Assert.Throws<InputException>(() => TableReader.ReadNpy([a], [ColumnSpec.Number("score")], new ReadOptions()));

        Assert.EndsWith("column 'score' not found; the columns are scores; did you mean 'scores'?", e.Message);
    }

    [Fact]
    public void Read_NotNpy_IsAProblem()
    {
        string path = _files.Text("x.npy", "label,score\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Number("x")], new ReadOptions()));

        Assert.StartsWith($"{path}: is not a NumPy .npy file", e.Message);
    }

    [Theory]
    [InlineData("<c16", "the dtype '<c16' is not supported")]
    [InlineData("|O", "the dtype '|O' is not supported")]
    public void Read_UnsupportedDtype_IsAProblem(string descr, string expected)
    {
        string path = _files.Npy("x.npy", descr, [1], new byte[16]);

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Number("x")], new ReadOptions()));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThreeDimensions_IsAProblem()
    {
        string path = _files.Npy("x.npy", "<f8", [1, 1, 1], new byte[8]);

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Number("x")], new ReadOptions()));

        Assert.Contains("the array has 3 dimensions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Truncated_IsAProblem()
    {
        string path = _files.Npy("x.npy", "<f8", [3], new byte[16]);

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Number("x")], new ReadOptions()));

        Assert.Equal($"{path}: the file is truncated: the header promises 24 bytes of data but only 16 follow", e.Message);
    }

    [Fact]
    public void Read_MissingNpyFile_FileNotFound()
    {
        string path = _files.Path("missing.npy");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Number("missing")], new ReadOptions()));

        Assert.StartsWith($"{path}: file not found", e.Message);
    }

    [Fact]
    public void ReadHeader_Npy_ColumnNames()
    {
        string path = _files.Npy("proba.npy", "<f8", [1, 3], new byte[24]);

        Assert.Equal(["proba[0]", "proba[1]", "proba[2]"], TableReader.ReadHeader(path, new ReadOptions()));
        NpyHeader header = NpyReader.ReadHeader(path);
        Assert.Equal([1L, 3], header.Shape);
        Assert.Equal(NpyType.Float64, header.Type);
        Assert.False(header.FortranOrder);
    }

    [Fact]
    public void Read_EmptyArray_IsAProblem()
    {
        string path = _files.Npy("x.npy", "<f8", [0], []);

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Number("x")], new ReadOptions()));

        Assert.Equal($"{path}: the arrays are empty; expected at least one row", e.Message);
    }
}
