using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Verdict.Cli.Tests.Gate;

public sealed class GateCommandTests : IDisposable
{
    private readonly GateCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Gate_FraudExample_PassesWithThePrintedNumbers()
    {
        (int code, string stdout, string stderr) = GateCli.Run("gate", GateCli.Sample("fraud.csv"), "--spec", GateCli.Sample("fraud.spec.yaml"));

        Assert.True(code == 0, stderr);
        string[] lines = stdout.Split('\n');
        Assert.StartsWith("threshold: 0.20405913721774666 (max recall subject to precision >= 0.8: precision 0.8001, recall 0.7526)", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("recall[fraud]  0.7526  >= 0.7   +0.0526    0.6688  +0.0838", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("f1@macro       0.8860  >= 0.85  +0.0360    0.8807  +0.0054      0.01  pass", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("f1[fraud]      0.7756", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("f1[legit]      0.9965", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("roc_auc        0.9612  >= 0.95  +0.0112    0.9612  +0.0000     0.005  pass", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("log_loss       0.0247  <= 0.1   +0.0753", StringComparison.Ordinal));
        Assert.Equal("PASS: all 6 rules pass", stdout.TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public void Gate_AllRulesPass_Exit0()
    {
        string spec = _cli.Spec("  - { metric: accuracy, min: 0.6 }\n  - { metric: recall, min: 0.5 }\n");

        (int code, string stdout, _) = GateCli.Run("gate", _cli.Data, "--spec", spec);

        Assert.Equal(0, code);
        Assert.EndsWith("PASS: all 2 rules pass\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_AnyRuleFails_Exit1AndEveryRuleEvaluated()
    {
        string spec = _cli.Spec(
            "  - { metric: recall, class: fraud, min: 0.9 }\n" +
            "  - { metric: f1, average: macro, min: 0.5 }\n" +
            "  - { metric: specificity, class: legit, min: 0.9 }\n" +
            "  - { metric: roc_auc, min: 0.7 }\n");

        (int code, string stdout, string stderr) = GateCli.Run("gate", _cli.Data, "--spec", spec);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("recall[fraud]", stdout, StringComparison.Ordinal);
        Assert.Contains("roc_auc", stdout, StringComparison.Ordinal);
        Assert.EndsWith("FAIL: 2 of 4 rules fail: recall[fraud], specificity[legit]\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_EveryRuleKind_ValuesMatchTheCounts()
    {
        string spec = _cli.Spec(
            "  - { metric: precision, min: 0.5 }\n" +                         // binary default: the positive class
            "  - { metric: fbeta, beta: 2, class: fraud, min: 0.5 }\n" +
            "  - { metric: jaccard, average: micro, min: 0.1 }\n" +
            "  - { metric: npv, average: weighted, min: 0.1 }\n" +
            "  - { metric: f1, class: each, min: 0.1 }\n" +
            "  - { metric: matthews_corrcoef, min: -0.5 }\n" +
            "  - { metric: hamming_loss, max: 0.5 }\n" +
            "  - { metric: average_precision, min: 0.1 }\n" +
            "  - { metric: brier_score, max: 0.5 }\n");

        (int code, string stdout, string stderr) = GateCli.Run("gate", _cli.Data, "--spec", spec, "--format", "json");

        Assert.True(code == 0, stderr + stdout);
        JsonArray rules = JsonNode.Parse(stdout)!["rules"]!.AsArray();
        Assert.Equal(["precision", "fbeta:2[fraud]", "jaccard@micro", "npv@weighted", "f1[fraud]", "f1[legit]", "matthews_corrcoef", "hamming_loss", "average_precision", "brier_score"],
                     rules.Select(r => (string?)r!["name"]));
        Assert.Equal(0.5, (double)rules[0]!["value"]!, 12);
        Assert.Equal(0.5, (double)rules[1]!["value"]!, 12);
        Assert.Equal(6.0 / 14, (double)rules[2]!["value"]!, 12);                     // micro: 6 / (6 + 4 + 4)
        Assert.Equal(((4 * (4.0 / 6)) + (6 * 0.5)) / 10, (double)rules[3]!["value"]!, 12); // npv fraud 4/6, legit 2/4
        Assert.Equal(0.4, (double)rules[7]!["value"]!, 12);
    }

    [Fact]
    public void Gate_JsonFormat_MachineVerdict()
    {
        string spec = _cli.Spec("  - { metric: accuracy, min: 0.9 }\n");

        (int code, string stdout, _) = GateCli.Run("gate", _cli.Data, "--spec", spec, "--format", "json");

        Assert.Equal(1, code);
        JsonObject o = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("verdict/gate/v1", (string?)o["schema"]);
        Assert.False((bool)o["passed"]!);
        Assert.Equal("small.csv", (string?)o["source"]);
        Assert.Equal(0.6, (double)o["rules"]![0]!["value"]!, 12);
        Assert.Equal(-0.3, (double)o["rules"]![0]!["margin"]!, 12);
    }

    [Fact]
    public void Gate_MarkdownFormat_SummaryTable()
    {
        string spec = _cli.Spec("  - { metric: accuracy, min: 0.5 }\n");

        (int code, string stdout, _) = GateCli.Run("gate", _cli.Data, "--spec", spec, "--format", "markdown");

        Assert.Equal(0, code);
        Assert.StartsWith("### ✅ Verdict gate passed\n\n**PASS: the only rule passes**", stdout, StringComparison.Ordinal);
        Assert.Contains("| accuracy | 0.6000 | ≥ 0.5 | +0.1000 | ✅ pass |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_JUnitFormat_ValidXmlOneTestCasePerRule()
    {
        string spec = _cli.Spec("  - { metric: accuracy, min: 0.5 }\n  - { metric: f1, class: each, min: 0.55 }\n");

        (int code, string stdout, _) = GateCli.Run("gate", _cli.Data, "--spec", spec, "--format", "junit");

        Assert.Equal(1, code);
        XDocument doc = XDocument.Parse(stdout);
        Assert.Equal("utf-8", doc.Declaration!.Encoding);
        XElement suite = Assert.Single(doc.Root!.Elements("testsuite"));
        Assert.Equal("3", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("1", doc.Root!.Attribute("failures")!.Value);
        XElement[] cases = [.. suite.Elements("testcase")];
        Assert.Equal(["accuracy >= 0.5", "f1[fraud] >= 0.55", "f1[legit] >= 0.55"], cases.Select(c => c.Attribute("name")!.Value));
        Assert.All(cases, c => Assert.Equal("verdict.gate.small.csv", c.Attribute("classname")!.Value));
        Assert.Null(cases[0].Element("failure"));
        Assert.Equal("f1[fraud] = 0.5000, below the floor 0.55", cases[1].Element("failure")!.Attribute("message")!.Value);
        Assert.Null(cases[2].Element("failure"));
    }

    [Fact]
    public void Gate_SummaryAndJUnitFiles_WrittenBesideTheText()
    {
        string spec = _cli.Spec("  - { metric: accuracy, min: 0.5 }\n");
        string summary = _cli.Files.Text("summary.md", "# earlier step\n");
        string junit = _cli.Files.Path("gate.xml");

        (int code, string stdout, _) = GateCli.Run("gate", _cli.Data, "--spec", spec, "--summary", summary, "--junit", junit);

        Assert.Equal(0, code);
        Assert.StartsWith("verdict gate: small.csv", stdout, StringComparison.Ordinal);
        string md = File.ReadAllText(summary);
        Assert.StartsWith("# earlier step\n### ✅ Verdict gate passed", md, StringComparison.Ordinal);
        Assert.Equal("1", XDocument.Load(junit).Root!.Attribute("tests")!.Value);
    }

    [Fact]
    public void Gate_OptimizedThreshold_PredictionsFromTheScore()
    {
        // Max recall with precision >= 0.6: threshold 0.8 gives precision 1, recall 0.5; 0.4 gives 3/5 = 0.6, recall 0.75.
        string spec = _cli.Files.Text("opt.yaml",
            "version: 1\ncolumns: { actual: label, score: p_fraud }\npositive: fraud\n" +
            "threshold: { optimize: recall, subject_to: { precision: { min: 0.6 } } }\n" +
            "rules:\n  - { metric: recall, class: fraud, min: 0.75 }\n  - { metric: precision, class: fraud, min: 0.6 }\n");

        (int code, string stdout, string stderr) = GateCli.Run("gate", _cli.Data, "--spec", spec);

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("threshold: 0.4 (max recall subject to precision >= 0.6: precision 0.6000, recall 0.7500)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_UnreachableConstraint_FailsTheThresholdCheck()
    {
        string spec = _cli.Files.Text("opt.yaml",
            "version: 1\ncolumns: { actual: label, score: p_fraud }\npositive: fraud\n" +
            "threshold: { optimize: f1, subject_to: { recall: { min: 1.0 }, precision: { min: 0.9 } } }\n" +
            "rules:\n  - { metric: roc_auc, min: 0.5 }\n");

        (int code, string stdout, _) = GateCli.Run("gate", _cli.Data, "--spec", spec);

        Assert.Equal(1, code);
        Assert.Contains("FAIL: 1 of 2 rules fails: threshold", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_FixedThreshold_AndStandardInput()
    {
        string spec = _cli.Files.Text("fixed.yaml",
            "version: 1\ncolumns: { actual: label, score: p_fraud }\npositive: fraud\nthreshold: 0.75\n" +
            "rules:\n  - { metric: accuracy, min: 0.8, max: 0.8, direction: higher }\n");

        (int code, string stdout, string stderr) = GateCli.RunWithInput(File.ReadAllText(_cli.Data), "gate", "-", "--spec", spec);

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("threshold: 0.75 (fixed: precision 1.0000, recall 0.5000)", stdout, StringComparison.Ordinal);
        Assert.Contains("verdict gate: standard input", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fail", 1, "FAIL")]
    [InlineData("pass", 0, "pass")]
    [InlineData("ignore", 0, "ignored")]
    public void Gate_UndefinedMetric_FollowsThePolicy(string policy, int exit, string result)
    {
        // Threshold 1.0 predicts no fraud: precision of fraud is 0/0, NaN under zero_division nan.
        string spec = _cli.Files.Text("undefined.yaml",
            "version: 1\ncolumns: { actual: label, score: p_fraud }\npositive: fraud\nthreshold: 1.0\nzero_division: nan\n" +
            $"undefined: {policy}\nrules:\n  - {{ metric: precision, class: fraud, min: 0.5 }}\n  - {{ metric: accuracy, min: 0.5 }}\n");

        (int code, string stdout, _) = GateCli.Run("gate", _cli.Data, "--spec", spec);

        Assert.Equal(exit, code);
        string line = stdout.Split('\n').Single(l => l.StartsWith("precision[fraud]", StringComparison.Ordinal));
        Assert.Contains("undefined", line, StringComparison.Ordinal);
        Assert.EndsWith(result, line, StringComparison.Ordinal);
        Assert.Contains("precision of 'fraud' is 0/0 (TP + FP = 0) and zero_division is nan", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_BaselineReport_ChangePerRuleAndDropFails()
    {
        // Baseline: the same data at threshold 0.75 (accuracy 0.8); now at the predicted column (accuracy 0.6).
        string baseSpec = _cli.Files.Text("base.yaml",
            "version: 1\ncolumns: { actual: label, score: p_fraud }\npositive: fraud\nthreshold: 0.75\nrules:\n  - { metric: accuracy, min: 0 }\n");
        string baseline = _cli.Files.Path("baseline.json");
        Assert.Equal(0, GateCli.Run("report", _cli.Data, "--spec", baseSpec, "--format", "json", "-o", baseline).Code);
        string spec = _cli.Spec(
            "  - { metric: accuracy, min: 0.5 }\n  - { metric: roc_auc, min: 0.5 }\n",
            "baseline: { report: baseline.json, max_drop: { accuracy: 0.25 } }\n");

        (int code, string stdout, string stderr) = GateCli.Run("gate", _cli.Data, "--spec", spec, "--format", "json");
        string plain = _cli.Spec("  - { metric: accuracy, min: 0.5 }\n  - { metric: roc_auc, min: 0.5 }\n", name: "plain.yaml");
        (int strict, string strictOut, _) = GateCli.Run("gate", _cli.Data, "--spec", plain, "--format", "json", "--baseline", baseline, "--max-drop", "0.1");

        Assert.True(code == 0, stderr + stdout);
        JsonObject rule = JsonNode.Parse(stdout)!["rules"]![0]!.AsObject();
        Assert.Equal(0.8, (double)rule["baseline"]!["value"]!, 12);
        Assert.Equal(-0.2, (double)rule["baseline"]!["change"]!, 12);
        Assert.True((bool)rule["baseline"]!["passed"]!);
        Assert.Equal(1, strict);
        JsonArray strictRules = JsonNode.Parse(strictOut)!["rules"]!.AsArray();
        Assert.False((bool)strictRules[0]!["baseline"]!["passed"]!);   // accuracy fell 0.2 > 0.1
        Assert.True((bool)strictRules[1]!["baseline"]!["passed"]!);    // roc_auc unchanged
        Assert.Equal("failed", (string?)strictRules[0]!["status"]);
    }

    [Fact]
    public void Gate_BaselineMissing_Exit2()
    {
        string spec = _cli.Spec("  - { metric: accuracy, min: 0.5 }\n", "baseline: { report: nowhere.json, max_drop: 0.01 }\n");

        (int code, _, string stderr) = GateCli.Run("gate", _cli.Data, "--spec", spec);

        Assert.Equal(2, code);
        Assert.Contains("cannot read the baseline report 'nowhere.json'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWithSpec_SameNumbersAsTheGate()
    {
        string spec = _cli.Files.Text("opt.yaml",
            "version: 1\ncolumns: { actual: label, score: p_fraud }\npositive: fraud\n" +
            "threshold: { optimize: recall, subject_to: { precision: { min: 0.6 } } }\n" +
            "rules:\n  - { metric: recall, class: fraud, min: 0 }\n  - { metric: f1, average: macro, min: 0 }\n");

        (int reportCode, string report, _) = GateCli.Run("report", _cli.Data, "--spec", spec, "--format", "json");
        (int gateCode, string gate, _) = GateCli.Run("gate", _cli.Data, "--spec", spec, "--format", "json");

        Assert.Equal(0, reportCode);
        Assert.Equal(0, gateCode);
        JsonNode r = JsonNode.Parse(report)!, g = JsonNode.Parse(gate)!;
        Assert.Equal((double)r["classification_report"]!["fraud"]!["recall"]!, (double)g["rules"]![0]!["value"]!);
        Assert.Equal((double)r["classification_report"]!["macro avg"]!["f1-score"]!, (double)g["rules"]![1]!["value"]!, 15);
        Assert.Contains("the threshold was chosen on this data by", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWithSpec_DisagreeingOption_Exit2()
    {
        string spec = _cli.Spec("  - { metric: accuracy, min: 0.5 }\n");

        (int code, _, string stderr) = GateCli.Run("report", _cli.Data, "--spec", spec, "--actual", "predicted");

        Assert.Equal(2, code);
        Assert.Contains("--actual 'predicted' disagrees with the spec", stderr, StringComparison.Ordinal);
        Assert.Contains(":2:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_MissingSpecOption_Exit2()
    {
        Assert.Equal(2, GateCli.Run("gate", _cli.Data).Code);
    }
}
