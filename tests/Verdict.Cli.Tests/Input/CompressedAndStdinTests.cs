using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public sealed class CompressedAndStdinTests : IDisposable
{
    private static readonly ColumnSpec[] LabelAndScore = [ColumnSpec.Label("label"), ColumnSpec.Number("score")];
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_CsvGz_Decompressed()
    {
        string path = _files.Gzip("p.csv.gz", "label,score\na,0.5\nb,0.25\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(["a", "b"], table.Labels("label").Values);
        Assert.Equal([0.5, 0.25], table.Numbers("score"));
    }

    [Fact]
    public void Read_TsvGz_TabFromInnerExtension()
    {
        string path = _files.Gzip("p.tsv.gz", "label\tscore\na,b\t0.5\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal("a,b", table.Labels("label")[0]);
    }

    [Fact]
    public void Read_JsonlGz_JsonFromInnerExtension()
    {
        string path = _files.Gzip("p.jsonl.gz", "{\"label\": \"a\", \"score\": 0.5}\n{\"label\": \"b\", \"score\": 1}\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(["a", "b"], table.Labels("label").Values);
        Assert.Equal([0.5, 1], table.Numbers("score"));
    }

    [Fact]
    public void Read_GzipWithoutGzExtension_DetectedByMagicBytes()
    {
        string path = _files.Bytes("p.csv", TempFiles.GzipBytes("label,score\na,0.5\n"));

        Assert.Equal(0.5, TableReader.Read(path, LabelAndScore, new ReadOptions()).Numbers("score")[0]);
    }

    [Fact]
    public void Read_LargeGzip_ManyBlocks()
    {
        var sb = new StringBuilder("label,score\n");
        for (int i = 0; i < 50_000; i++)
        {
            sb.Append(i % 3).Append(',').Append((i / 50_000.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        string path = _files.Gzip("big.csv.gz", sb.ToString());

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions { BlockSize = 64 * 1024 });

        Assert.Equal(50_000, table.Rows);
        Assert.Equal(["0", "1", "2"], table.Labels("label").Values);
        Assert.Equal(49_999 / 50_000.0, table.Numbers("score")[^1]);
    }

    [Fact]
    public void Read_CorruptGzip_IsAProblem()
    {
        byte[] gzip = TempFiles.GzipBytes(string.Concat(Enumerable.Repeat("label,score\na,0.5\n", 100)));
        gzip[gzip.Length / 2] ^= 0xFF;
        gzip[(gzip.Length / 2) + 1] ^= 0xFF;
        string path = _files.Bytes("bad.csv.gz", gzip);

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, LabelAndScore, new ReadOptions()));

        Assert.StartsWith($"{path}: ", e.Message);
    }

    [Fact]
    public void Read_StandardInput_CsvByDefault()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("label,score\na,0.5\nb,1\n"));

        Table table = TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin });

        Assert.Equal(2, table.Rows);
        Assert.Equal("<stdin>", table.Source);
        Assert.Equal([0.5, 1], table.Numbers("score"));
    }

    [Fact]
    public void Read_StandardInputGzip_Detected()
    {
        using var stdin = new MemoryStream(TempFiles.GzipBytes("label,score\na,0.5\n"));

        Table table = TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin });

        Assert.Equal(0.5, table.Numbers("score")[0]);
    }

    [Fact]
    public void Read_StandardInputWithFormat_JsonLines()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("{\"label\":\"a\",\"score\":0.5}\n"));

        Table table = TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin, Format = InputFormat.JsonLines });

        Assert.Equal(0.5, table.Numbers("score")[0]);
    }

    [Fact]
    public void Read_StandardInputTsvFormat_TabDelimited()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("label\tscore\na\t0.5\n"));

        Table table = TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin, Format = InputFormat.Tsv });

        Assert.Equal(0.5, table.Numbers("score")[0]);
    }

    [Fact]
    public void Read_StandardInputProblem_NamedStdin()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("label,score\na,zero\n"));

        var e = Assert.Throws<InputException>(() => TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin }));

        Assert.Equal("<stdin> line 2, column score: 'zero' is not a number; expected a finite number such as 0.25", e.Message);
    }

    [Fact]
    public void Read_StandardInputAsNpy_IsAProblem()
    {
        using var stdin = new MemoryStream([0x93, (byte)'N']);

        var e = Assert.Throws<InputException>(() => TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin, Format = InputFormat.Npy }));

        Assert.Equal("<stdin>: NumPy .npy input must be a file, not standard input", e.Message);
    }

    [Fact]
    public void ReadHeader_StandardInput_FirstRecord()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("label,score\na,0.5\n"));

        Assert.Equal(["label", "score"], TableReader.ReadHeader("-", new ReadOptions { StandardInput = stdin }));
    }

    [Fact]
    public void Read_FormatOverride_JsonLinesFromTxt()
    {
        string path = _files.Text("p.txt", "{\"label\": \"a\", \"score\": 0.5}\n");

        Assert.Equal(0.5, TableReader.Read(path, LabelAndScore, new ReadOptions { Format = InputFormat.JsonLines }).Numbers("score")[0]);
    }

    [Fact]
    public void Read_StandardInput_NotClosed()
    {
        var stdin = new MemoryStream(Encoding.UTF8.GetBytes("label,score\na,0.5\n"));

        TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin });

        Assert.True(stdin.CanRead);
    }

    [Fact]
    public void Read_StandardInputOneByteAtATime_SameResult()
    {
        using var stdin = new TrickleStream(Encoding.UTF8.GetBytes("label,score\n\"a\nb\",0.5\nc,1\n"));

        Table table = TableReader.Read("-", LabelAndScore, new ReadOptions { StandardInput = stdin, BlockSize = 7 });

        Assert.Equal(["a\nb", "c"], table.Labels("label").Values);
    }

    /// <summary>A stream that returns one byte per read, like a slow pipe.</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == data.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = data[_position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
