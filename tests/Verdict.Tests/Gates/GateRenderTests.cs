using System.Text.Json.Nodes;
using System.Xml.Linq;
using Verdict.Gates;
using Verdict.Scores;

namespace Verdict.Tests.Gates;

public class GateRenderTests
{
    /// <summary>One pass, one fail, one ignored (undefined), one baseline comparison.</summary>
    private static GateVerdict Mixed()
    {
        MetricSource now = MetricSource.FromReport(GateData.Binary(ZeroDivision.NaN, threshold: 1.0));
        MetricSource before = MetricSource.FromReport(GateData.Binary(ZeroDivision.NaN, threshold: 0.75));
        var spec = new GateSpec(1,
        [
            new GateRule(new MetricReference("roc_auc"), Min: 0.5),
            new GateRule(new MetricReference("accuracy"), Min: 0.9),
            new GateRule(new MetricReference("precision", Class: "1"), Min: 0.5) { Undefined = UndefinedPolicy.Ignore },
        ])
        {
            Baseline = new BaselineSpec(null, [new DropAllowance(new MetricReference("accuracy"), 0.01)]),
        };
        GateVerdict v = Gate.Evaluate(spec, now, before);
        return new GateVerdict(v.Rules, v.Threshold, v.Notes) { Source = "data.csv", Spec = "spec.yaml", BaselineSource = "base.json" };
    }

    [Fact]
    public void Text_Verdict_TableAndOneLineVerdictLast()
    {
        string text = GateText.Render(Mixed());
        string[] lines = text.TrimEnd('\n').Split('\n');

        Assert.Equal("verdict gate: data.csv against spec.yaml, baseline base.json", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("rule", StringComparison.Ordinal) && l.Contains("max drop", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("roc_auc ", StringComparison.Ordinal) && l.EndsWith("pass", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("accuracy ", StringComparison.Ordinal) && l.EndsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("precision[1] ", StringComparison.Ordinal) && l.Contains("undefined", StringComparison.Ordinal) && l.EndsWith("ignored", StringComparison.Ordinal));
        Assert.Equal("FAIL: 1 of 2 rules fails: accuracy (1 ignored: undefined)", lines[^1]);
    }

    [Fact]
    public void Json_Verdict_SchemaCountsAndRules()
    {
        JsonObject o = JsonNode.Parse(GateJson.ToText(Mixed()))!.AsObject();

        Assert.Equal("verdict/gate/v1", (string?)o["schema"]);
        Assert.False((bool)o["passed"]!);
        Assert.Equal(1, (int)o["counts"]!["failed"]!);
        Assert.Equal(1, (int)o["counts"]!["ignored"]!);
        JsonArray rules = o["rules"]!.AsArray();
        Assert.Equal(["roc_auc", "accuracy", "precision[1]"], rules.Select(r => (string?)r!["name"]));
        Assert.Equal("failed", (string?)rules[1]!["status"]);
        Assert.Null(rules[2]!["value"]);
        Assert.True((bool)rules[2]!["undefined"]!);
        Assert.Equal("1", (string?)rules[2]!["class"]);
        Assert.Equal(0.01, (double)rules[1]!["baseline"]!["max_drop"]!);
        Assert.False((bool)rules[1]!["baseline"]!["passed"]!);
        Assert.Equal("higher", (string?)rules[0]!["direction"]);
    }

    [Fact]
    public void Markdown_Verdict_HeadingTableAndNotes()
    {
        string md = GateMarkdown.Render(Mixed());

        Assert.StartsWith("### ❌ Verdict gate failed\n\n**FAIL: 1 of 2 rules fails: accuracy", md, StringComparison.Ordinal);
        Assert.Contains("| rule | value | bound | margin | baseline | change | max drop | result |", md, StringComparison.Ordinal);
        Assert.Contains("| precision\\[1] | undefined | ≥ 0.5 |", md, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Notes</summary>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_Verdict_OneTestCasePerRuleWithFailureAndSkipped()
    {
        XDocument doc = XDocument.Parse(GateJUnit.ToText(Mixed()));

        XElement root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        XElement suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal("3", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        Assert.Equal("1", (string?)suite.Attribute("skipped"));
        XElement[] cases = [.. suite.Elements("testcase")];
        Assert.Equal(["roc_auc >= 0.5", "accuracy >= 0.9", "precision[1] >= 0.5"], cases.Select(c => (string?)c.Attribute("name")));
        Assert.Null(cases[0].Element("failure"));
        XElement failure = cases[1].Element("failure")!;
        Assert.Contains("below the floor 0.9", (string?)failure.Attribute("message"), StringComparison.Ordinal);
        Assert.Contains("dropped", (string?)failure.Attribute("message"), StringComparison.Ordinal);
        Assert.NotNull(cases[2].Element("skipped"));
        Assert.StartsWith("FAIL:", suite.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Equal("base.json", suite.Element("properties")!.Elements("property").Single(p => (string?)p.Attribute("name") == "baseline").Attribute("value")!.Value);
    }

    [Fact]
    public void Summary_AllPass_SaysSo()
    {
        MetricSource s = MetricSource.FromReport(GateData.Binary());
        GateVerdict v = Gate.Evaluate(new GateSpec(1, [new GateRule(new MetricReference("accuracy"), Min: 0.5), new GateRule(new MetricReference("roc_auc"), Min: 0.5)]), s);

        Assert.Equal("PASS: all 2 rules pass", v.Summary);
        Assert.StartsWith("### ✅ Verdict gate passed", GateMarkdown.Render(v), StringComparison.Ordinal);
        Assert.Equal("0", (string?)XDocument.Parse(GateJUnit.ToText(v)).Root!.Attribute("failures"));
    }
}
