using System.Globalization;
using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

/// <summary>
/// <see cref="TableReader.Stream"/> hands the same rows as <see cref="TableReader.Read(string, IReadOnlyList{ColumnSpec}, ReadOptions)"/>,
/// in order, in blocks whose size does not grow with the input.
/// </summary>
public sealed class StreamingReadTests : IDisposable
{
    private static readonly ColumnSpec[] Columns = [ColumnSpec.Label("y_true"), ColumnSpec.Label("y_pred"), ColumnSpec.Number("w")];
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Rows with labels that first appear late (so values lists grow between blocks), empty lines and CRLF.</summary>
    private static List<(string Actual, string Predicted, double Weight)> Rows(int count, bool withProblems = false)
    {
        var random = new Random(5);
        var rows = new List<(string, string, double)>(count);
        for (int i = 0; i < count; i++)
        {
            int classes = 3 + (i * 5 / count); // 3 labels at first, 7 by the end
            string a = "c" + random.Next(classes).ToString(CultureInfo.InvariantCulture);
            string p = random.NextDouble() < 0.7 ? a : "c" + random.Next(classes).ToString(CultureInfo.InvariantCulture);
            double w = withProblems && i % 2_003 == 11 ? double.NaN : Math.Round(random.NextDouble() * 3, 3);
            rows.Add((a, p, w));
        }

        return rows;
    }

    private string Csv(string name, List<(string Actual, string Predicted, double Weight)> rows)
    {
        var sb = new StringBuilder("y_true,y_pred,w\n");
        for (int i = 0; i < rows.Count; i++)
        {
            (string a, string p, double w) = rows[i];
            sb.Append(a).Append(',').Append(p).Append(',')
              .Append(double.IsNaN(w) ? "oops" : w.ToString("R", CultureInfo.InvariantCulture)).Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 9_973 == 1)
            {
                sb.Append('\n');
            }
        }

        return _files.Text(name, sb.ToString());
    }

    private string JsonLines(string name, List<(string Actual, string Predicted, double Weight)> rows)
    {
        var sb = new StringBuilder();
        foreach ((string a, string p, double w) in rows)
        {
            sb.Append("{\"y_true\":\"").Append(a).Append("\",\"y_pred\":\"").Append(p).Append("\",\"w\":")
              .Append(double.IsNaN(w) ? "\"oops\"" : w.ToString("R", CultureInfo.InvariantCulture)).Append("}\n");
        }

        return _files.Text(name, sb.ToString());
    }

    /// <summary>Collects every streamed row as text, and the block sizes.</summary>
    private static (Table Table, List<(string, string, double)> Rows, List<int> Blocks) Collect(string path, ReadOptions options)
    {
        var rows = new List<(string, string, double)>();
        var blocks = new List<int>();
        Table table = TableReader.Stream(path, Columns, options, block =>
        {
            blocks.Add(block.Rows);
            ReadOnlySpan<int> a = block.Codes("y_true"), p = block.Codes("y_pred");
            ReadOnlySpan<double> w = block.Numbers("w");
            IReadOnlyList<string> av = block.Values("y_true"), pv = block.Values("y_pred");
            for (int i = 0; i < block.Rows; i++)
            {
                rows.Add((av[a[i]], pv[p[i]], w[i]));
            }
        });
        return (table, rows, blocks);
    }

    private static List<(string, string, double)> Kept(Table table)
    {
        var rows = new List<(string, string, double)>();
        for (int i = 0; i < table.Rows; i++)
        {
            rows.Add((table.Labels("y_true")[i], table.Labels("y_pred")[i], table.Numbers("w")[i]));
        }

        return rows;
    }

    [Theory]
    [InlineData(1, 200_000)]
    [InlineData(2, 300_000)]
    [InlineData(4, 1 << 20)]
    public void Stream_Csv_SameRowsAsRead_InBoundedBlocks(int parallelism, int blockSize)
    {
        List<(string, string, double)> expected = Rows(150_000);
        string path = Csv("labels.csv", expected);
        var options = new ReadOptions { MaxDegreeOfParallelism = parallelism, BlockSize = blockSize };

        (Table table, List<(string, string, double)> rows, List<int> blocks) = Collect(path, options);

        Assert.True(table.IsStreamed);
        Assert.Equal(150_000, table.Rows);
        Assert.Equal(expected, rows);
        Assert.Equal(Kept(TableReader.Read(path, Columns, options)), rows);
        // Every row is at least 11 bytes, so a block of the file holds fewer than blockSize / 11 rows: memory is bounded
        // by the block size, not the file.
        Assert.True(blocks.Count > 1, $"{blocks.Count} blocks");
        Assert.All(blocks, b => Assert.InRange(b, 1, (blockSize / 11) + 1));
        Assert.Throws<KeyNotFoundException>(() => table.Labels("y_true"));
    }

    [Fact]
    public void Stream_JsonLines_SameRowsAsRead_InBlocks()
    {
        List<(string, string, double)> expected = Rows(150_000);
        string path = JsonLines("labels.jsonl", expected);

        (Table table, List<(string, string, double)> rows, List<int> blocks) = Collect(path, new ReadOptions());

        Assert.Equal(150_000, table.Rows);
        Assert.Equal(expected, rows);
        Assert.Equal(3, blocks.Count); // 65,536 + 65,536 + the rest
        Assert.All(blocks, b => Assert.InRange(b, 1, TableBuilder.StreamBlockRows));
    }

    [Fact]
    public void Stream_GzipAndStandardInput_SameRowsAsRead()
    {
        List<(string, string, double)> expected = Rows(40_000);
        string csv = Csv("plain.csv", expected);
        string text = File.ReadAllText(csv);
        string gz = _files.Gzip("labels.csv.gz", text);

        Assert.Equal(expected, Collect(gz, new ReadOptions { BlockSize = 100_000 }).Rows);
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected, Collect("-", new ReadOptions { StandardInput = stdin, BlockSize = 100_000 }).Rows);
    }

    [Fact]
    public void Stream_SkipBadRows_SameSkipsAsRead()
    {
        List<(string Actual, string Predicted, double Weight)> all = Rows(60_000, withProblems: true);
        string path = Csv("bad.csv", all);
        var options = new ReadOptions { OnBadRow = BadRowPolicy.Skip, BlockSize = 150_000, MaxDegreeOfParallelism = 2 };

        (Table table, List<(string, string, double)> rows, _) = Collect(path, options);
        Table kept = TableReader.Read(path, Columns, options);

        Assert.Equal(all.Where(r => !double.IsNaN(r.Weight)).Select(r => (r.Actual, r.Predicted, r.Weight)).ToList(), rows);
        Assert.Equal(kept.SkippedRows, table.SkippedRows);
        Assert.True(table.SkippedRows > 20);
        Assert.Equal(kept.SkipReasons.Select(p => p.ToString()), table.SkipReasons.Select(p => p.ToString()));
    }

    [Fact]
    public void Stream_BadRowsInErrorMode_SameErrorAsRead()
    {
        string path = Csv("bad.csv", Rows(60_000, withProblems: true));
        var options = new ReadOptions { BlockSize = 150_000 };

        var streamed = Assert.Throws<InputException>(() => Collect(path, options));
        var read = Assert.Throws<InputException>(() => TableReader.Read(path, Columns, options));

        Assert.Equal(read.Message, streamed.Message);
        Assert.Contains("line 14, column w: 'oops' is not a number", streamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stream_Npy_OneBlock()
    {
        byte[] data = [.. new long[] { 1, 0, 1, 1 }.SelectMany(BitConverter.GetBytes)];
        string yTrue = _files.Npy("y_true.npy", "<i8", [4], data);

        var blocks = new List<int>();
        var codes = new List<string>();
        Table table = TableReader.Stream(yTrue, [ColumnSpec.Label("y_true")], new ReadOptions(), block =>
        {
            blocks.Add(block.Rows);
            foreach (int c in block.Codes("y_true"))
            {
                codes.Add(block.Values("y_true")[c]);
            }
        });

        Assert.Equal([4], blocks);
        Assert.Equal(["1", "0", "1", "1"], codes);
        Assert.True(table.IsStreamed);
    }
}
