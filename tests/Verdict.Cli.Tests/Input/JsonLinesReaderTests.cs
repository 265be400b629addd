using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public sealed class JsonLinesReaderTests : IDisposable
{
    private static readonly ColumnSpec[] LabelAndScore = [ColumnSpec.Label("label"), ColumnSpec.Number("score")];
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_Objects_ColumnsAreKeys()
    {
        string path = _files.Text("p.jsonl", "{\"id\": 1, \"label\": \"cat\", \"score\": 0.25}\n{\"score\": 0.5, \"label\": \"dog\", \"id\": 2, \"extra\": [1, {\"a\": 2}]}\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(["id", "label", "score"], table.Header);
        Assert.Equal(["cat", "dog"], table.Labels("label").Values);
        Assert.Equal([0.25, 0.5], table.Numbers("score"));
    }

    [Fact]
    public void Read_ScalarLabels_KeepTheirText()
    {
        string path = _files.Text("p.ndjson", "{\"label\": 1, \"score\": 1}\n{\"label\": 1.0, \"score\": 1}\n{\"label\": true, \"score\": 1}\n{\"label\": false, \"score\": 1}\n{\"label\": \"1\", \"score\": 1}\n{\"label\": -2e3, \"score\": 1}\n");

        LabelColumn labels = TableReader.Read(path, LabelAndScore, new ReadOptions()).Labels("label");

        Assert.Equal(["1", "1.0", "true", "false", "-2e3"], labels.Values);
        Assert.Equal([0, 1, 2, 3, 0, 4], labels.Codes);
    }

    [Fact]
    public void Read_EscapedStringsAndKeys_Unescaped()
    {
        string path = _files.Text("p.jsonl", "{\"lab\\u0065l\": \"a\\\"b\\n\\u00e9\", \"score\": \"0.5\"}\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal("a\"b\né", table.Labels("label")[0]);
        Assert.Equal(0.5, table.Numbers("score")[0]);
    }

    [Fact]
    public void Read_BlankLinesBomAndCrlf_Handled()
    {
        string path = _files.Text("p.jsonl", "\uFEFF{\"label\": \"a\", \"score\": 1}\r\n\r\n   \n{\"label\": \"b\", \"score\": 2}");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions());

        Assert.Equal(2, table.Rows);
        Assert.Equal([1.0, 2], table.Numbers("score"));
    }

    [Fact]
    public void Read_DuplicateKey_LastWins()
    {
        string path = _files.Text("p.jsonl", "{\"label\": \"a\", \"score\": 1, \"score\": 2}\n");

        Assert.Equal(2.0, TableReader.Read(path, LabelAndScore, new ReadOptions()).Numbers("score")[0]);
    }

    [Fact]
    public void Read_BadValues_ProblemsWithLineAndColumn()
    {
        string path = _files.Text("p.jsonl",
            "{\"label\": \"a\", \"score\": 0.5}\n" +
            "{\"label\": \"a\", \"score\": \"abc\"}\n" +
            "{\"label\": null, \"score\": true}\n" +
            "{\"label\": [1], \"score\": {\"x\": 1}}\n" +
            "{\"label\": \"a\"}\n" +
            "{\"label\": \"\", \"score\": \"NaN\"}\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, LabelAndScore, new ReadOptions()));

        Assert.Equal(
            [
                $"{path} line 2, column score: 'abc' is not a number; expected a finite number such as 0.25",
                $"{path} line 3, column label: is null; expected a class label",
                $"{path} line 3, column score: 'true' is not a number; expected a finite number such as 0.25",
                $"{path} line 4, column label: is an array; expected a single value",
                $"{path} line 4, column score: is an object; expected a single value",
                $"{path} line 5, column score: missing; expected a finite number such as 0.25",
                $"{path} line 6, column label: empty value; expected a class label",
                $"{path} line 6, column score: 'NaN' is not finite; expected a finite number such as 0.25",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_InvalidJsonAndNonObjects_AreProblems()
    {
        string path = _files.Text("p.jsonl", "{\"label\": \"a\", \"score\": 1}\n{\"label\": \"a\", \n[1, 2]\n{\"label\": \"a\", \"score\": 1} x\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, LabelAndScore, new ReadOptions()));

        Assert.Equal([2L, 3, 4], e.Problems.Select(p => p.Line));
        Assert.StartsWith("is not valid JSON", e.Problems[0].Message);
        Assert.StartsWith("is not a JSON object", e.Problems[1].Message);
    }

    [Fact]
    public void Read_SkipMode_CountsSkippedLines()
    {
        string path = _files.Text("p.jsonl", "{\"label\": \"a\", \"score\": 1}\n{\"label\": \"b\"}\n{oops\n{\"label\": \"c\", \"score\": 3}\n");

        Table table = TableReader.Read(path, LabelAndScore, new ReadOptions { OnBadRow = BadRowPolicy.Skip });

        Assert.Equal(2, table.Rows);
        Assert.Equal(2, table.SkippedRows);
        Assert.Equal(["a", "c"], table.Labels("label").Values);
        Assert.Equal([2L, 3], table.SkipReasons.Select(p => p.Line));
    }

    [Fact]
    public void Read_MissingColumn_SuggestsFromFirstObjectKeys()
    {
        string path = _files.Text("p.jsonl", "{\"label\": \"a\", \"scores\": 1}\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, LabelAndScore, new ReadOptions()));

        Assert.Equal($"{path}: column 'score' not found; the columns are label, scores; did you mean 'scores'?", e.Message);
    }

    [Fact]
    public void Read_FirstLineNotJson_Throws()
    {
        string path = _files.Text("p.jsonl", "label,score\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, LabelAndScore, new ReadOptions()));

        Assert.StartsWith($"{path} line 1: is not valid JSON", e.Message);
    }

    [Fact]
    public void Read_Empty_Throws()
    {
        string path = _files.Text("p.jsonl", "\n\n");

        var e = Assert.Throws<InputException>(() => TableReader.Read(path, LabelAndScore, new ReadOptions()));

        Assert.Equal($"{path}: the input is empty; expected one JSON object per line", e.Message);
    }

    [Fact]
    public void Read_TinyBlocks_SameResult()
    {
        string path = _files.Text("p.jsonl", "{\"label\": \"a\", \"score\": 1}\n\n{\"label\": \"b\\u00e9\", \"score\": 2}\n{\"label\": 3, \"score\": 3}");

        for (int block = 1; block < 20; block++)
        {
            Table table = TableReader.Read(path, LabelAndScore, new ReadOptions { BlockSize = block });
            Assert.Equal(["a", "bé", "3"], table.Labels("label").Values);
            Assert.Equal([1.0, 2, 3], table.Numbers("score"));
        }
    }

    [Fact]
    public void ReadHeader_JsonLines_FirstObjectKeys()
    {
        string path = _files.Text("p.jsonl", "\n{\"b\": 1, \"a\": {\"nested\": 1}, \"c\": [1]}\n{\"d\": 1}\n");

        Assert.Equal(["b", "a", "c"], TableReader.ReadHeader(path, new ReadOptions()));
    }
}
