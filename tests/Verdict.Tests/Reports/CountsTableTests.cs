using System.Text.Json.Nodes;
using Verdict.Reports;
using Verdict.Tests.Reference;

namespace Verdict.Tests.Reports;

public sealed class CountsTableTests
{
    public static TheoryData<string> CaseIds => Oracle.Ids("from_counts");

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Create_OracleCountsTable_MatchesTextbookFormulas(string id)
    {
        OracleCase c = Oracle.Get(id);
        double[] tp = c.Doubles("tp"), fp = c.Doubles("fp"), fn = c.Doubles("fn");
        double[]? tn = c.Inputs["tn"] is JsonArray ? c.Doubles("tn") : null;
        var rows = Enumerable.Range(0, tp.Length)
            .Select(i => new CountsRow($"c{i}", (long)tp[i], (long)fp[i], (long)fn[i], tn is null ? null : (long)tn[i]))
            .ToList();
        CountsTable table = CountsTable.Create(rows);
        JsonObject e = c.Expected!.AsObject();
        Oracle.AssertClose(e["per_class"]!["precision"], table.Scores.Precision, id + " precision");
        Oracle.AssertClose(e["per_class"]!["recall"], table.Scores.Recall, id + " recall");
        Oracle.AssertClose(e["per_class"]!["f1"], table.Scores.FScore, id + " f1");
        Oracle.AssertClose(e["per_class"]!["support"], table.Scores.Support, id + " support");
        AssertAverage(e["micro"]!.AsObject(), table.Micro, id + " micro");
        AssertAverage(e["macro"]!.AsObject(), table.Macro, id + " macro");
        AssertAverage(e["weighted"]!.AsObject(), table.Weighted, id + " weighted");
        Oracle.AssertClose(Oracle.ToDouble(e["totals"]!["tp"]), table.Totals.TruePositives, id + " ΣTP");
        Oracle.AssertClose(Oracle.ToDouble(e["totals"]!["fp"]), table.Totals.FalsePositives, id + " ΣFP");
        Oracle.AssertClose(Oracle.ToDouble(e["totals"]!["fn"]), table.Totals.FalseNegatives, id + " ΣFN");
        Assert.Equal(e["micro"]!.AsObject().ContainsKey("accuracy"), table.Micro.Accuracy is not null);
    }

    [Fact]
    public void Create_ExplainerTable_MacroF1Is07595AndWarnsOnUnequalTotals()
    {
        CountsTable t = CountsTable.Create([new("a", 10, 2, 3), new("b", 20, 10, 12), new("c", 5, 1, 1)]);
        Assert.Equal(0.7595, Math.Round(t.Macro.F1, 4));
        Assert.Equal(0.7071, Math.Round(t.Micro.F1, 4));
        Assert.Contains(t.Warnings, w => w.Contains("ΣFP (13) ≠ ΣFN (16)", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_CalculatorPageTotals_MicroScoresAndAccuracy()
    {
        CountsTable t = CountsTable.Create([new("a", 120, 10, 20, 200), new("b", 90, 20, 10, 230), new("c", 50, 10, 20, 220)]);
        Assert.Equal(0.8667, Math.Round(t.Micro.Precision, 4));
        Assert.Equal(0.8387, Math.Round(t.Micro.Recall, 4));
        Assert.Equal(0.8525, Math.Round(t.Micro.F1, 4));
        Assert.Equal(0.91, Math.Round(t.Micro.Accuracy!.Value, 4));
        Assert.Contains(t.Warnings, w => w.Contains("ΣFP (40) ≠ ΣFN (50)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1, 0, 0, "negative")]
    [InlineData(0, -2, 0, "negative")]
    public void Create_NegativeCount_ThrowsNamingTheClass(long tp, long fp, long fn, string fragment)
    {
        var ex = Assert.Throws<ArgumentException>(() => CountsTable.Create([new("spam", tp, fp, fn)]));
        Assert.Contains("'spam'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ZeroRow_ListsUndefinedCells()
    {
        CountsTable t = CountsTable.Create([new("empty", 0, 0, 0, 10), new("x", 5, 1, 2, 2)]);
        Assert.Equal(0, t.Scores.Precision[0]);
        Assert.Contains(t.Undefined, u => u.Class == "empty" && u.Metric == "precision");
        Assert.Contains(t.Undefined, u => u.Class == "empty" && u.Metric == "f-score");
    }

    private static void AssertAverage(JsonObject expected, CountsAverage actual, string what)
    {
        Oracle.AssertClose(Oracle.ToDouble(expected["precision"]), actual.Precision, what + " precision");
        Oracle.AssertClose(Oracle.ToDouble(expected["recall"]), actual.Recall, what + " recall");
        Oracle.AssertClose(Oracle.ToDouble(expected["f1"]), actual.F1, what + " f1");
        if (expected["accuracy"] is JsonNode a)
        {
            Oracle.AssertClose(Oracle.ToDouble(a), actual.Accuracy ?? double.NaN, what + " accuracy");
        }
    }
}
