using System.Globalization;
using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public sealed class ParallelParsingTests : IDisposable
{
    private static readonly ColumnSpec[] Columns = [ColumnSpec.Label("label"), ColumnSpec.Number("score"), ColumnSpec.Label("id")];
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A few MB of unquoted CSV: few labels, one label per row (ids), empty lines and, optionally, bad rows.</summary>
    private string Generate(string name, int rows, bool withProblems)
    {
        var random = new Random(11);
        var sb = new StringBuilder("id,label,score\n");
        string[] classes = ["setosa", "versicolor", "virginica", "7", "-1"];
        for (int i = 0; i < rows; i++)
        {
            if (i % 10_007 == 5)
            {
                sb.Append('\n'); // an empty line
            }

            if (withProblems && i % 3_001 == 17)
            {
                sb.Append(i).Append(',').Append(classes[i % 5]).Append(",oops\n");
                continue;
            }

            if (withProblems && i % 4_999 == 3)
            {
                sb.Append(i).Append(",short\n");
                continue;
            }

            // Rows sorted by label in runs so that parts of a block meet labels in different orders.
            string label = classes[(i / 7_919) % 5];
            sb.Append("id").Append(i).Append(',').Append(label).Append(',')
              .Append(random.NextDouble().ToString("R", CultureInfo.InvariantCulture)).Append(i % 2 == 0 ? "\n" : "\r\n");
        }

        return _files.Text(name, sb.ToString());
    }

    private static void AssertSame(Table expected, Table actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.SkippedRows, actual.SkippedRows);
        Assert.Equal(expected.SkipReasons.Select(p => p.ToString()), actual.SkipReasons.Select(p => p.ToString()));
        Assert.Equal(expected.Numbers("score"), actual.Numbers("score"));
        foreach (string name in new[] { "label", "id" })
        {
            Assert.Equal(expected.Labels(name).Values, actual.Labels(name).Values);
            Assert.Equal(expected.Labels(name).Codes, actual.Labels(name).Codes);
        }
    }

    [Theory]
    [InlineData(2, 4 << 20)]
    [InlineData(3, 300_000)]
    [InlineData(8, 1 << 20)]
    public void Read_ParallelParts_SameAsSequential(int parts, int blockSize)
    {
        string path = Generate("big.csv", 120_000, withProblems: false);
        Assert.True(new FileInfo(path).Length > DelimitedReader.MinParallelBytes * 4);

        Table sequential = TableReader.Read(path, Columns, new ReadOptions { MaxDegreeOfParallelism = 1 });
        Table parallel = TableReader.Read(path, Columns, new ReadOptions { MaxDegreeOfParallelism = parts, BlockSize = blockSize });

        AssertSame(sequential, parallel);
        Assert.Equal(120_000, parallel.Rows);
        Assert.Equal(["setosa", "versicolor", "virginica", "7", "-1"], parallel.Labels("label").Values);
        Assert.Equal(120_000, parallel.Labels("id").Values.Length);
        Assert.Equal("id119999", parallel.Labels("id")[119_999]);
    }

    [Fact]
    public void Read_ParallelWithBadRowsSkipped_SameAsSequential()
    {
        string path = Generate("bad.csv", 100_000, withProblems: true);
        var sequentialOptions = new ReadOptions { MaxDegreeOfParallelism = 1, OnBadRow = BadRowPolicy.Skip, MaxProblems = 1000 };

        Table sequential = TableReader.Read(path, Columns, sequentialOptions);
        Table parallel = TableReader.Read(path, Columns, sequentialOptions with { MaxDegreeOfParallelism = 4, BlockSize = 512 * 1024 });

        AssertSame(sequential, parallel);
        Assert.True(sequential.SkippedRows > 30);
    }

    [Fact]
    public void Read_ParallelWithBadRows_SameProblemsAndLines()
    {
        string path = Generate("bad.csv", 100_000, withProblems: true);

        var sequential = Assert.Throws<InputException>(() => TableReader.Read(path, Columns, new ReadOptions { MaxDegreeOfParallelism = 1 }));
        var parallel = Assert.Throws<InputException>(() => TableReader.Read(path, Columns, new ReadOptions { MaxDegreeOfParallelism = 4, BlockSize = 512 * 1024 }));

        Assert.Equal(sequential.Message, parallel.Message);
        Assert.Equal(sequential.TotalProblems, parallel.TotalProblems);
        Assert.Equal(20, parallel.Problems.Count);
    }

    [Fact]
    public void Read_ProblemLineNumbers_MatchTheFile()
    {
        string path = Generate("bad.csv", 100_000, withProblems: true);
        string[] lines = File.ReadAllLines(path);

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, Columns, new ReadOptions { MaxDegreeOfParallelism = 4, BlockSize = 300_000, MaxProblems = 100 }));

        foreach (InputProblem problem in e.Problems)
        {
            string line = lines[problem.Line - 1];
            Assert.True(line.EndsWith(",oops", StringComparison.Ordinal) || line.EndsWith(",short", StringComparison.Ordinal), line);
        }
    }
}
