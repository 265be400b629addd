namespace Verdict.Cli.Tests.Gate;

public sealed class SpecCommandTests : IDisposable
{
    private readonly GateCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private (int Code, string Out, string Err) Check(string yaml) => GateCli.Run("spec", "check", _cli.Files.Text("check.yaml", yaml));

    [Fact]
    public void Check_FraudExample_Valid()
    {
        (int code, string stdout, _) = GateCli.Run("spec", "check", GateCli.Sample("fraud.spec.yaml"));

        Assert.Equal(0, code);
        Assert.Contains(": ok (version 1, binary, 5 rules, threshold: max recall subject to precision >= 0.8, baseline with 2 max_drop entries)", stdout, StringComparison.Ordinal);
        Assert.Contains("  f1[each] >= 0.5\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownNames_EachErrorWithLineColumnAndSuggestion()
    {
        (int code, _, string stderr) = Check(
            "version: 1\n" +
            "task: binary\n" +
            "columns: { actual: label, score: p }\n" +
            "rules:\n" +
            "  - { metric: recal, class: a, min: 0.7 }\n" +
            "  - { metric: f1, average: macr, min: 0.8 }\n" +
            "  - { metric: auc, min: 0.9 }\n" +
            "  - { metric: f1, min: 0.5, colour: red }\n" +
            "undefind: fail\n");

        Assert.Equal(2, code);
        Assert.Contains("check.yaml has 5 problems:", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:5:15: unknown metric 'recal'; did you mean 'recall'?", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:6:28: unknown average 'macr'; did you mean 'macro'?", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:7:15: unknown metric 'auc'; did you mean 'roc_auc'?", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:8:29: unknown key 'colour' in a rule", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:9:1: unknown key 'undefind' in spec; did you mean 'undefined'?", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BoundsOutsideRangeAndWrongDirection_Errors()
    {
        (int code, _, string stderr) = Check(
            "version: 1\n" +
            "columns: { actual: y, score: p }\n" +
            "rules:\n" +
            "  - { metric: recall, min: 1.2 }\n" +
            "  - { metric: matthews_corrcoef, min: -1.5 }\n" +
            "  - { metric: log_loss, max: -0.1 }\n" +
            "  - { metric: log_loss, min: 0.01 }\n" +
            "  - { metric: roc_auc, max: 0.99 }\n" +
            "  - { metric: log_loss, min: 0.01, direction: higher }\n" +
            "  - { metric: accuracy, min: 0.9, max: 0.8 }\n" +
            "  - { metric: precision }\n");

        Assert.Equal(2, code);
        Assert.Contains("check.yaml:4:28: min 1.2 is outside recall's range [0, 1]", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:5:39: min -1.5 is outside matthews_corrcoef's range [-1, 1]", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:6:30: max -0.1 is outside log_loss's range [0, ∞)", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:7:30: log_loss is lower-is-better, so min: sets a floor on a loss", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:8:29: roc_auc is higher-is-better, so max: sets a ceiling", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:9:5: log_loss is lower-is-better; direction: higher contradicts it", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:10:30: min 0.9 is above max 0.8", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:11:5: the rule on precision has no bound", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExplicitDirection_AllowsAFloorOnALoss()
    {
        (int code, string stdout, string stderr) = Check(
            "version: 1\ncolumns: { actual: y, score: p }\nrules:\n  - { metric: log_loss, min: 0.01, max: 0.3, direction: lower }\n");

        Assert.True(code == 0, stderr);
        Assert.Contains("log_loss in [0.01, 0.3]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TaskAwareChecks_AverageClassScoresAndThreshold()
    {
        (int code, _, string stderr) = Check(
            "version: 1\n" +
            "task: multiclass\n" +
            "columns: { actual: y, predicted: p }\n" +
            "labels: [cat, dog, bird]\n" +
            "positive: cat\n" +
            "threshold: 0.5\n" +
            "rules:\n" +
            "  - { metric: f1, min: 0.5 }\n" +
            "  - { metric: f1, average: samples, min: 0.5 }\n" +
            "  - { metric: recall, class: dgo, min: 0.5 }\n" +
            "  - { metric: roc_auc, average: macro, min: 0.5 }\n" +
            "  - { metric: accuracy, class: cat, min: 0.5 }\n" +
            "  - { metric: fbeta, average: macro, min: 0.5 }\n" +
            "  - { metric: top_k_accuracy, k: 2, beta: 1, min: 0.5 }\n");

        Assert.Equal(2, code);
        Assert.Contains("check.yaml:5:11: positive applies to binary tasks", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:6:12: multiclass predictions are the class of highest score", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:6:12: the threshold makes predictions from the scores, but columns.predicted names a predicted column", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:8:5: f1 needs average: (micro, macro, weighted) or class: (a label, or each)", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:9:28: average 'samples' does not apply to f1 (the spec's task is multiclass); use one of micro, macro, weighted", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:10:30: class 'dgo' is not a label; did you mean 'dog'?", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:11:15: roc_auc needs scores", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:12:32: accuracy has no per-class value", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:13:15: fbeta needs beta:", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:14:43: beta applies to fbeta only", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_YamlSyntaxError_LineAndColumn()
    {
        (int code, _, string stderr) = Check("version: 1\nrules:\n  - { metric: f1, min: 0.5\n  - x\n");
        (int code2, _, string stderr2) = Check("version: 1\nversion: 2\nrules: []\n");
        (int code3, _, string stderr3) = Check("version: 1\nrules:\n  - { metric: 'f1, min: 0.5 }\n");

        Assert.Equal(2, code);
        Assert.Contains("check.yaml:4:3: YAML syntax error", stderr, StringComparison.Ordinal);
        Assert.Equal(2, code2);
        Assert.Contains("check.yaml:2:1: YAML syntax error: Duplicate key", stderr2, StringComparison.Ordinal);
        Assert.Equal(2, code3);
        Assert.Matches(@"check\.yaml:\d+:\d+: YAML syntax error", stderr3);
    }

    [Fact]
    public void Check_VersionAndThresholdErrors()
    {
        (int code, _, string stderr) = Check(
            "version: 2\n" +
            "columns: { actual: y, predicted: p, score: s }\n" +
            "threshold: { optimize: recal, subject_to: { precision: { min: 1.2 }, recall: { max: 0.5 } } }\n" +
            "rules:\n  - { metric: accuracy, min: 0.5 }\n");

        Assert.Equal(2, code);
        Assert.Contains("check.yaml:1:10: version 2 is not supported", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:3:24: threshold.optimize 'recal' is not one of", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:3:63: threshold.subject_to.precision.min 1.2 is outside precision's range [0, 1]", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:3:80: unknown key 'max' in threshold.subject_to.recall", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BaselineKeys_Validated()
    {
        (int code, _, string stderr) = Check(
            "version: 1\ncolumns: { actual: y, score: p }\nrules:\n  - { metric: accuracy, min: 0.5 }\n" +
            "baseline: { report: b.json, max_drop: { \"f1@macr\": 0.01, \"recal\": 0.01, \"roc_auc\": -1 } }\n");

        Assert.Equal(2, code);
        Assert.Contains("check.yaml:5:41: baseline.max_drop key 'f1@macr': 'macr' is not an average", stderr, StringComparison.Ordinal);
        Assert.Contains("check.yaml:5:58: baseline.max_drop key 'recal': unknown metric 'recal'; did you mean 'recall'?", stderr, StringComparison.Ordinal);
        Assert.Contains("baseline.max_drop.roc_auc must be >= 0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_DataTimeErrors_NameTheSpecLine()
    {
        string spec = _cli.Spec("  - { metric: recall, class: frod, min: 0.5 }\n  - { metric: f1, class: each, min: 0.5 }\n");
        string badColumn = _cli.Files.Text("col.yaml", "version: 1\ncolumns: { actual: lable, predicted: predicted }\nrules:\n  - { metric: accuracy, min: 0.5 }\n");

        (int code, string stdout, string stderr) = GateCli.Run("gate", _cli.Data, "--spec", spec);
        (int code2, _, string stderr2) = GateCli.Run("gate", _cli.Data, "--spec", badColumn);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("spec.yaml:5:30: class 'frod' is not a label; did you mean 'fraud'?", stderr, StringComparison.Ordinal);
        Assert.Equal(2, code2);
        Assert.Contains("col.yaml:2:20: column 'lable' (columns.actual) is not in small.csv's header (id, label, p_fraud, predicted); did you mean 'label'?", stderr2, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_BadSpec_Exit2BeforeReadingData()
    {
        string spec = _cli.Files.Text("bad.yaml", "version: 1\nrules:\n  - { metric: f1_scor, min: 0.5 }\n");

        (int code, string stdout, string stderr) = GateCli.Run("gate", "does-not-exist.csv", "--spec", spec);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("bad.yaml:3:15: unknown metric 'f1_scor'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_SmallFile_StarterSpecChecksAndPasses()
    {
        string path = _cli.Files.Path("starter.yaml");

        (int code, _, string stderr) = GateCli.Run("spec", "init", _cli.Data, "--margin", "0.05", "-o", path);
        string yaml = File.ReadAllText(path);
        (int checkCode, string checkOut, string checkErr) = GateCli.Run("spec", "check", path);
        (int gateCode, string gateOut, _) = GateCli.Run("gate", _cli.Data, "--spec", path);

        Assert.True(code == 0, stderr);
        Assert.Contains("task: binary", yaml, StringComparison.Ordinal);
        Assert.Contains("  actual: label\n  predicted: predicted\n  score: p_fraud", yaml, StringComparison.Ordinal);
        Assert.Contains("positive: fraud", yaml, StringComparison.Ordinal);
        Assert.Contains("  - { metric: f1, class: fraud, min: 0.45 }", yaml, StringComparison.Ordinal);
        Assert.Contains("  - { metric: f1, class: legit, min: 0.6166 }", yaml, StringComparison.Ordinal);
        Assert.Contains("{ metric: log_loss, max: ", yaml, StringComparison.Ordinal);
        Assert.Contains("# now 0.5000", yaml, StringComparison.Ordinal);
        Assert.True(checkCode == 0, checkErr);
        Assert.Contains("f1[fraud] >= 0.45", checkOut, StringComparison.Ordinal);
        Assert.Equal(0, gateCode);
        Assert.Contains("PASS: all", gateOut, StringComparison.Ordinal);
        Assert.Equal(2, GateCli.Run("spec", "init", _cli.Data, "-o", path).Code); // exists: needs --force
        Assert.Equal(0, GateCli.Run("spec", "init", _cli.Data, "-o", path, "--force").Code);
    }

    [Fact]
    public void Init_Multiclass_ScoresDetectedAndRoundTrips()
    {
        string path = _cli.Files.Path("digits.yaml");

        (int code, _, string stderr) = GateCli.Run("spec", "init", GateCli.Sample("digits.csv"), "-o", path);
        string yaml = File.ReadAllText(path);

        Assert.True(code == 0, stderr);
        Assert.Contains("task: multiclass", yaml, StringComparison.Ordinal);
        Assert.Contains("scores: { 0: p_0, 1: p_1,", yaml, StringComparison.Ordinal);
        Assert.Contains("{ metric: roc_auc, average: macro, min: ", yaml, StringComparison.Ordinal);
        Assert.Equal(0, GateCli.Run("gate", GateCli.Sample("digits.csv"), "--spec", path).Code);
    }
}
