using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public sealed class DelimitedReaderTests : IDisposable
{
    private static readonly ColumnSpec[] LabelAndScore = [ColumnSpec.Label("label"), ColumnSpec.Number("score")];
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_SimpleCsv_ReadsRequestedColumns()
    {
        string path = _files.Text("p.csv", "id,label,score\n1,cat,0.25\n2,dog,0.5\n3,cat,-1e-3\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(3, table.Rows);
        Assert.Equal(["id", "label", "score"], table.Header);
        Assert.Equal(["cat", "dog"], table.Labels("label").Values);
        Assert.Equal([0, 1, 0], table.Labels("label").Codes);
        Assert.Equal([0.25, 0.5, -0.001], table.Numbers("score"));
        Assert.Equal(0, table.SkippedRows);
        Assert.Empty(table.SkipReasons);
    }

    [Fact]
    public void Read_NumericLabels_KeepTheirTextInFirstSeenOrder()
    {
        string path = _files.Text("p.csv", "label,score\n10,1\n2,2\n1.0,3\n1,4\n10,5\n");

        LabelColumn labels = TableReader.Read(path, LabelAndScore, new ReadOptions()).Labels("label");

        Assert.Equal(["10", "2", "1.0", "1"], labels.Values);
        Assert.Equal([0, 1, 2, 3, 0], labels.Codes);
        Assert.Equal("1.0", labels[2]);
    }

    [Fact]
    public void Read_StringLabelsWithUnicode_Decoded()
    {
        string path = _files.Text("p.csv", "label,score\nchat noir,1\n猫,2\nchat noir,3\nÉté,4\n");

        LabelColumn labels = TableReader.Read(path, LabelAndScore, new ReadOptions()).Labels("label");

        Assert.Equal(["chat noir", "猫", "Été"], labels.Values);
        Assert.Equal([0, 1, 0, 2], labels.Codes);
    }

    [Fact]
    public void Read_QuotedFields_DelimitersQuotesAndNewlinesInside()
    {
        string csv = "label,note,score\n"
                   + "\"a,b\",\"said \"\"hi\"\"\",\"0.5\"\n"
                   + "\"multi\nline\",\"x\r\ny\",1\n"
                   + "\"\"\"q\"\"\",plain,2\n"
                   + "plain,\"\"\"\",3\n";
        string path = _files.Text("q.csv", csv);

        Table table = TableReader.Read(path, [ColumnSpec.Label("label"), ColumnSpec.Label("note"), ColumnSpec.Number("score")], new ReadOptions());

        Assert.Equal(4, table.Rows);
        Assert.Equal(["a,b", "multi\nline", "\"q\"", "plain"], table.Labels("label").Values);
        Assert.Equal("said \"hi\"", table.Labels("note")[0]);
        Assert.Equal("x\r\ny", table.Labels("note")[1]);
        Assert.Equal("\"", table.Labels("note")[3]);
        Assert.Equal([0.5, 1, 2, 3], table.Numbers("score"));
    }

    [Fact]
    public void Read_EmptyQuotedField_IsEmpty()
    {
        string path = _files.Text("q.csv", "label,note,score\na,\"\",1\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("note")], new ReadOptions()));

        Assert.Equal($"{path} line 2, column note: empty value; expected a class label", e.Message);
        Assert.Equal(1, TableReader.Read(path, [ColumnSpec.Number("score")], new ReadOptions()).Rows);
    }

    [Fact]
    public void Read_QuotedHeader_Unescaped()
    {
        string path = _files.Text("h.csv", "\"the, label\",\"a \"\"score\"\"\"\nx,1\n");

        Table table = TableReader.Read(path, [ColumnSpec.Label("the, label"), ColumnSpec.Number("a \"score\"")], new ReadOptions());

        Assert.Equal(["the, label", "a \"score\""], table.Header);
        Assert.Equal(1.0, table.Numbers("a \"score\"")[0]);
    }

    [Fact]
    public void Read_Utf8Bom_StrippedFromFirstColumnName()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("label,score\na,1\n")];
        string path = _files.Bytes("bom.csv", bytes);

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal("label", table.Header[0]);
        Assert.Equal("a", table.Labels("label")[0]);
    }

    [Fact]
    public void Read_CrlfLineEnds_NoCarriageReturnInValues()
    {
        string path = _files.Text("crlf.csv", "label,score\r\na,1\r\n\"b\",2\r\nc,3");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(["label", "score"], table.Header);
        Assert.Equal(["a", "b", "c"], table.Labels("label").Values);
        Assert.Equal([1.0, 2, 3], table.Numbers("score"));
    }

    [Fact]
    public void Read_NoTrailingNewline_LastRowRead()
    {
        string path = _files.Text("p.csv", "label,score\na,1\nb,2");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(2, table.Rows);
        Assert.Equal(2.0, table.Numbers("score")[1]);
    }

    [Fact]
    public void Read_EmptyLines_Ignored()
    {
        string path = _files.Text("p.csv", "\nlabel,score\n\na,1\n\r\nb,2\n\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(2, table.Rows);
        Assert.Equal(["a", "b"], table.Labels("label").Values);
    }

    [Theory]
    [InlineData("p.tsv")]
    [InlineData("p.tab")]
    [InlineData("P.TSV")]
    public void Read_TsvExtension_TabDelimited(string name)
    {
        string path = _files.Text(name, "label\tscore\tnote\na,b\t0.5\tx,y\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal("a,b", table.Labels("label")[0]);
        Assert.Equal(0.5, table.Numbers("score")[0]);
    }

    [Fact]
    public void Read_DelimiterOption_Overrides()
    {
        string path = _files.Text("p.txt", "label;score\na;0.5\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions { Delimiter = ';' });

        Assert.Equal(0.5, table.Numbers("score")[0]);
    }

    [Fact]
    public void Read_TsvFormatOption_Overrides()
    {
        string path = _files.Text("p.data", "label\tscore\na\t0.5\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions { Format = InputFormat.Tsv });

        Assert.Equal(0.5, table.Numbers("score")[0]);
    }

    [Fact]
    public void Read_NumbersWithSpacesAndSigns_Parsed()
    {
        string path = _files.Text("p.csv", "label,score\na, 0.5 \nb,+2\nc,-.5\nd,1E3\ne,1.\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal([0.5, 2, -0.5, 1000, 1], table.Numbers("score"));
    }

    [Fact]
    public void Read_SameColumnAsLabelAndNumber_BothRead()
    {
        string path = _files.Text("p.csv", "y\n1\n0\n1\n");

        Table table = TableReader.Read(path, [ColumnSpec.Label("y"), ColumnSpec.Number("y")], new ReadOptions());

        Assert.Equal(["1", "0"], table.Labels("y").Values);
        Assert.Equal([1.0, 0, 1], table.Numbers("y"));
    }

    [Fact]
    public void Read_NoColumnsRequested_CountsRows()
    {
        string path = _files.Text("p.csv", "a,b\n1,2\n3,4\n");

        Table table = TableReader.Read(path, [], new ReadOptions());

        Assert.Equal(2, table.Rows);
    }

    [Fact]
    public void Read_NumbersEqualDoubleParseBitForBit()
    {
        var random = new Random(7);
        var sb = new StringBuilder("label,score\n");
        var texts = new List<string>();
        for (int i = 0; i < 5000; i++)
        {
            double d = i % 3 == 0 ? random.NextDouble() : BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEFFFFFFFFFFFFF));
            string text = (i % 2 == 0 ? d : -d).ToString(i % 5 == 0 ? "E16" : "R", System.Globalization.CultureInfo.InvariantCulture);
            texts.Add(text);
            sb.Append("x,").Append(text).Append('\n');
        }

        string path = _files.Text("p.csv", sb.ToString());
        double[] numbers = TableReader.Read(path, LabelAndScore, new ReadOptions()).Numbers("score");

        for (int i = 0; i < texts.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(texts[i], System.Globalization.CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(numbers[i]));
        }
    }

    [Fact]
    public void Read_TinyBlocks_SameResultAsOneBlock()
    {
        string csv = "label,note,score\r\n\"a,\"\"b\",\"x\ny\",1\r\nplain,\"e\",2\r\n\r\n\"c\",z,3\r\nd,\"q\"\"\",4";
        string path = _files.Text("p.csv", csv);
        ColumnSpec[] columns = [ColumnSpec.Label("label"), ColumnSpec.Label("note"), ColumnSpec.Number("score")];
        Table expected = TableReader.Read(path, columns, new ReadOptions());

        for (int block = 1; block <= 24; block++)
        {
            Table actual = TableReader.Read(path, columns, new ReadOptions { BlockSize = block });
            Assert.Equal(expected.Rows, actual.Rows);
            Assert.Equal(expected.Labels("label").Values, actual.Labels("label").Values);
            Assert.Equal(expected.Labels("label").Codes, actual.Labels("label").Codes);
            Assert.Equal(expected.Labels("note").Values, actual.Labels("note").Values);
            Assert.Equal(expected.Numbers("score"), actual.Numbers("score"));
        }

        Assert.Equal(["a,\"b", "plain", "c", "d"], expected.Labels("label").Values);
    }

    [Fact]
    public void ReadHeader_Csv_AllColumnNames()
    {
        string path = _files.Text("p.csv", "\uFEFFa,\"b,c\",d\r\n1,2,3\n");

        Assert.Equal(["a", "b,c", "d"], TableReader.ReadHeader(path, new ReadOptions()));
    }

    [Fact]
    public void ReadHeader_EmptyFile_Empty()
    {
        string path = _files.Text("p.csv", "");

        Assert.Empty(TableReader.ReadHeader(path, new ReadOptions()));
    }

    [Fact]
    public void Read_Progress_ReportsBytesReadUpToFileSize()
    {
        string path = _files.Text("p.csv", "label,score\n" + string.Concat(Enumerable.Repeat("a,0.5\n", 1000)));
        var reports = new List<long>();

        TableReader.Read(path, LabelAndScore, new ReadOptions { BlockSize = 1000, Progress = new SyncProgress(reports) });

        Assert.True(reports.Count > 3);
        Assert.Equal(new FileInfo(path).Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void Labels_ColumnReadAsNumber_Throws()
    {
        string path = _files.Text("p.csv", "label,score\na,1\n");
        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Throws<KeyNotFoundException>(() => table.Labels("score"));
        Assert.Throws<KeyNotFoundException>(() => table.Numbers("label"));
    }

    /// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them asynchronously).</summary>
    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
