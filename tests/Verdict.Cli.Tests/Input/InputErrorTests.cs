using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public sealed class InputErrorTests : IDisposable
{
    private static readonly ColumnSpec[] FraudColumns = [ColumnSpec.Label("label"), ColumnSpec.Number("p_fraud")];
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Fraud(params string[] rows) =>
        _files.Text("fraud.csv", "transaction_id,label,p_fraud,predicted\n" + string.Join("\n", rows) + "\n");

    [Fact]
    public void Read_NotANumber_NamesFileLineColumnValueAndExpectation()
    {
        string path = Fraud("1,legit,0.1,legit", "2,legit,0.2,legit", "3,legit,0.3,legit", "4,legit,0.4,legit", "5,legit,0.5,legit", "6,fraud,abc,fraud");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        InputProblem problem = Assert.Single(e.Problems);
        Assert.Equal($"{path} line 7, column p_fraud: 'abc' is not a number; expected a finite number such as 0.25", problem.ToString());
        Assert.Equal(path, problem.File);
        Assert.Equal(7, problem.Line);
        Assert.Equal("p_fraud", problem.Column);
        Assert.Equal("abc", problem.Value);
        Assert.Equal(problem.ToString(), e.Message);
        Assert.Equal(1, e.TotalProblems);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("inf")]
    [InlineData("1e999")]
    public void Read_NonFiniteNumber_IsAProblem(string value)
    {
        string path = Fraud("1,legit," + value + ",legit");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        InputProblem problem = Assert.Single(e.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal("p_fraud", problem.Column);
        Assert.StartsWith($"'{value}' is not", problem.Message);
        Assert.EndsWith("expected a finite number such as 0.25", problem.Message);
    }

    [Fact]
    public void Read_NaN_SaysNotFinite()
    {
        string path = Fraud("1,legit,NaN,legit");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Equal($"{path} line 2, column p_fraud: 'NaN' is not finite; expected a finite number such as 0.25", e.Message);
    }

    [Fact]
    public void Read_EmptyNumberAndLabel_AreProblems()
    {
        string path = Fraud("1,,0.5,legit", "2,legit,,legit", "3,legit,  ,legit");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Equal(
            [
                $"{path} line 2, column label: empty value; expected a class label",
                $"{path} line 3, column p_fraud: empty value; expected a finite number such as 0.25",
                $"{path} line 4, column p_fraud: empty value; expected a finite number such as 0.25",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_RaggedRows_NameLineAndFieldCounts()
    {
        string path = Fraud("1,legit,0.1,legit", "2,legit,0.2", "3,legit,0.3,legit,extra");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Equal(
            [
                $"{path} line 3: the line has 3 fields but the header has 4; quote any field that contains ','",
                $"{path} line 4: the line has 5 fields but the header has 4; quote any field that contains ','",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_RaggedTsv_NamesTheTab()
    {
        string path = _files.Text("p.tsv", "label\tscore\na\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("label")], new ReadOptions()));

        Assert.Equal($"{path} line 2: the line has 1 fields but the header has 2; quote any field that contains a tab", e.Message);
    }

    [Fact]
    public void Read_LineNumbers_CountLinesInsideQuotedFields()
    {
        string path = _files.Text("p.csv", "label,score\n\"two\nlines\",1\n\n\"three\n\nlines\",2\nbad,x\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("label"), ColumnSpec.Number("score")], new ReadOptions()));

        Assert.Equal(8, Assert.Single(e.Problems).Line);
    }

    [Fact]
    public void Read_UnclosedQuote_IsAProblem()
    {
        string path = _files.Text("p.csv", "label,score\na,1\n\"b,2\nc,3\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("label"), ColumnSpec.Number("score")], new ReadOptions()));

        Assert.Equal($"{path} line 3: a quoted field is never closed; expected a closing '\"' (double any quote inside a quoted field)", e.Message);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsAProblem()
    {
        string path = _files.Text("p.csv", "label,score\n\"a\"b,1\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("label")], new ReadOptions()));

        Assert.Equal(2, Assert.Single(e.Problems).Line);
        Assert.Contains("text follows a closing quote", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysFileNotFound()
    {
        string path = _files.Path("nope.csv");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Equal($"{path}: file not found (looked in {path})", e.Message);
    }

    [Fact]
    public void Read_MissingColumn_ListsColumnsAndSuggestsClosest()
    {
        string path = Fraud("1,legit,0.1,legit");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("label"), ColumnSpec.Number("p_fruad")], new ReadOptions()));

        Assert.Equal($"{path}: column 'p_fruad' not found; the columns are transaction_id, label, p_fraud, predicted; did you mean 'p_fraud'?", e.Message);
    }

    [Fact]
    public void Read_MissingColumns_AllReportedAndCaseSuggested()
    {
        string path = Fraud("1,legit,0.1,legit");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("Label"), ColumnSpec.Number("zzzzzzzz")], new ReadOptions()));

        Assert.Equal(2, e.Problems.Count);
        Assert.EndsWith("did you mean 'label'?", e.Problems[0].Message);
        Assert.EndsWith("predicted", e.Problems[1].Message);
    }

    [Fact]
    public void Read_DuplicateRequestedColumn_IsAProblem()
    {
        string path = _files.Text("p.csv", "label,score,label\na,1,b\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [ColumnSpec.Label("label")], new ReadOptions()));

        Assert.Contains("column 'label' appears 2 times in the header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateUnrequestedColumn_IsFine()
    {
        string path = _files.Text("p.csv", "x,score,x\na,1,b\n");

        Assert.Equal(1, TableReader.Read(path, [ColumnSpec.Number("score")], new ReadOptions()).Rows);
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        string path = _files.Text("p.csv", "");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Equal($"{path}: the input is empty; expected a header row and at least one data row", e.Message);
    }

    [Fact]
    public void Read_HeaderOnly_SaysNoDataRows()
    {
        string path = _files.Text("p.csv", "label,p_fraud\n\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Equal($"{path}: no data rows; expected at least one row after the header", e.Message);
    }

    [Fact]
    public void Read_ManyProblems_ListsFirst20ThenCountsTheRest()
    {
        var sb = new StringBuilder("label,p_fraud\n");
        for (int i = 0; i < 100; i++)
        {
            sb.Append("legit,").Append(i % 2 == 0 ? "bad" : "0.5").Append('\n');
        }

        string path = _files.Text("p.csv", sb.ToString());

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Equal(20, e.Problems.Count);
        Assert.Equal(50, e.TotalProblems);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => 2L + (2 * i)), e.Problems.Select(p => p.Line));
        string[] lines = e.Message.Split('\n');
        Assert.Equal(21, lines.Length);
        Assert.Equal("... and 30 more problems", lines[^1]);
    }

    [Fact]
    public void Read_MaxProblemsOption_ChangesTheCap()
    {
        string path = _files.Text("p.csv", "label,p_fraud\na,x\nb,y\nc,z\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions { MaxProblems = 2 }));

        Assert.Equal(2, e.Problems.Count);
        Assert.EndsWith("... and 1 more problem", e.Message);
    }

    [Fact]
    public void Read_SkipMode_LeavesOutBadRowsAndKeepsReasons()
    {
        string path = Fraud("1,legit,0.1,legit", "2,fraud,oops,fraud", "3,legit", "4,,0.4,legit", "5,fraud,0.9,fraud");

        Table table = TableReader.Read(path, FraudColumns, new ReadOptions { OnBadRow = BadRowPolicy.Skip });

        Assert.Equal(2, table.Rows);
        Assert.Equal(3, table.SkippedRows);
        Assert.Equal(["legit", "fraud"], table.Labels("label").Values);
        Assert.Equal([0.1, 0.9], table.Numbers("p_fraud"));
        Assert.Equal([3L, 4, 5], table.SkipReasons.Select(p => p.Line));
        Assert.Equal($"{path} line 3, column p_fraud: 'oops' is not a number; expected a finite number such as 0.25", table.SkipReasons[0].ToString());
    }

    [Fact]
    public void Read_SkipMode_LabelsOnlyInSkippedRowsAreNotValues()
    {
        string path = Fraud("1,legit,0.1,legit", "2,ghost,bad,legit");

        Table table = TableReader.Read(path, FraudColumns, new ReadOptions { OnBadRow = BadRowPolicy.Skip });

        Assert.Equal(["legit"], table.Labels("label").Values);
    }

    [Fact]
    public void Read_SkipMode_ReasonsCappedButCountComplete()
    {
        var sb = new StringBuilder("label,p_fraud\n");
        for (int i = 0; i < 60; i++)
        {
            sb.Append("a,").Append(i < 50 ? "x" : "0.5").Append('\n');
        }

        string path = _files.Text("p.csv", sb.ToString());

        Table table = TableReader.Read(path, FraudColumns, new ReadOptions { OnBadRow = BadRowPolicy.Skip });

        Assert.Equal(10, table.Rows);
        Assert.Equal(50, table.SkippedRows);
        Assert.Equal(20, table.SkipReasons.Count);
    }

    [Fact]
    public void Read_SkipModeEveryRowBad_Throws()
    {
        string path = Fraud("1,legit,x,legit", "2,legit,y,legit");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions { OnBadRow = BadRowPolicy.Skip }));

        Assert.StartsWith($"{path}: no usable data rows: all 2 rows had problems and were skipped", e.Message);
    }

    [Fact]
    public void Read_LongValue_ShortenedInMessage()
    {
        string path = _files.Text("p.csv", "label,p_fraud\na," + new string('z', 500) + "\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, FraudColumns, new ReadOptions()));

        Assert.Contains("'" + new string('z', InputProblem.MaxValueLength) + "…' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadDelimiter_IsAProblem()
    {
        string path = _files.Text("p.csv", "a\n1\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, [], new ReadOptions { Delimiter = '"' }));

        Assert.Contains("cannot be used", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_ControlCharacters_Escaped()
    {
        Assert.Equal("'a\\nb\\tc\\u0001'", InputProblem.Quote("a\nb\tc\u0001"));
    }

    [Theory]
    [InlineData("p_fruad", "p_fraud")]
    [InlineData("LABEL", "label")]
    [InlineData("predictd", "predicted")]
    [InlineData("zzzzzz", null)]
    public void Closest_Name_SuggestsWithinDistance(string name, string? expected)
    {
        Assert.Equal(expected, ColumnPlan.Closest(name, ["transaction_id", "label", "p_fraud", "predicted"]));
    }
}
