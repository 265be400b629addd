using Verdict.Counts;
using Verdict.Curves;
using Verdict.Evaluation;
using Verdict.Gates;
using Verdict.Reports;
using Verdict.Scores;
using Verdict.Thresholds;

namespace Verdict.Tests.Gates;

public class GateTests
{
    private static GateSpec Spec(params GateRule[] rules) => new(1, rules);

    private static GateRule Min(string metric, double min, MetricAverage average = MetricAverage.None, string? cls = null, double? parameter = null) =>
        new(new MetricReference(metric, parameter, average, cls), Min: min);

    private static RuleResult One(GateSpec spec, EvaluationReport report) =>
        Assert.Single(Gate.Evaluate(spec, MetricSource.FromReport(report)).Rules);

    [Theory]
    [InlineData("precision", 0.5)]
    [InlineData("recall", 0.5)]
    [InlineData("f1", 0.5)]
    [InlineData("jaccard", 1.0 / 3)]
    [InlineData("specificity", 4.0 / 6)]
    [InlineData("npv", 4.0 / 6)]
    public void Measure_CountsMetricOfClass_FromOneVsRestCounts(string metric, double expected)
    {
        MetricSource source = MetricSource.FromReport(GateData.Binary());

        Assert.Equal(expected, source.Measure(new MetricReference(metric, Class: "1")).Value, 12);
        Assert.Equal(expected, source.Measure(new MetricReference(metric)).Value, 12);
    }

    [Fact]
    public void Measure_Averages_MatchClassificationReport()
    {
        EvaluationReport report = GateData.Binary();
        MetricSource source = MetricSource.FromReport(report);

        Assert.Equal(0.6, source.Measure(new MetricReference("f1", Average: MetricAverage.Micro)).Value, 12);
        Assert.Equal((0.5 + (4.0 / 6)) / 2, source.Measure(new MetricReference("f1", Average: MetricAverage.Macro)).Value, 12);
        Assert.Equal(0.6, source.Measure(new MetricReference("f1", Average: MetricAverage.Weighted)).Value, 12);
        Assert.Equal(report.ClassificationReport.Averages[1].FScore, source.Measure(new MetricReference("f1", Average: MetricAverage.Macro)).Value, 15);
        Assert.Equal(report.Groups[0].Values[1].Value, source.Measure(new MetricReference("jaccard", Average: MetricAverage.Macro)).Value, 15);
        var one = new BinaryCounts(2, 2, 2, 4);
        Assert.Equal(Score.FBeta(one, 2), source.Measure(new MetricReference("fbeta", 2, Class: "1")).Value, 15);
    }

    [Theory]
    [InlineData("accuracy", 0.6)]
    [InlineData("hamming_loss", 0.4)]
    [InlineData("roc_auc", 19.0 / 24)]
    public void Measure_WholeSetAndScoreMetrics_FromReport(string metric, double expected)
    {
        Assert.Equal(expected, MetricSource.FromReport(GateData.Binary()).Measure(new MetricReference(metric)).Value, 12);
    }

    [Fact]
    public void Evaluate_MinRule_PassesWithMargin()
    {
        RuleResult r = One(Spec(Min("recall", 0.4, cls: "1")), GateData.Binary());

        Assert.Equal("recall[1]", r.Name);
        Assert.Equal(RuleOutcome.Passed, r.Outcome);
        Assert.Equal(0.1, r.Margin, 12);
        Assert.Equal(">= 0.4", r.BoundText);
    }

    [Fact]
    public void Evaluate_MinRuleAboveValue_FailsWithNegativeMargin()
    {
        RuleResult r = One(Spec(Min("f1", 0.6, MetricAverage.Macro)), GateData.Binary());

        Assert.Equal("f1@macro", r.Name);
        Assert.Equal(RuleOutcome.Failed, r.Outcome);
        Assert.True(r.Margin < 0);
    }

    [Fact]
    public void Evaluate_BoundEqualToValue_Passes()
    {
        Assert.Equal(RuleOutcome.Passed, One(Spec(Min("accuracy", 0.6)), GateData.Binary()).Outcome);
    }

    [Fact]
    public void Evaluate_MaxRuleOnLoss_PassesBelowCeiling()
    {
        EvaluationReport report = GateData.Binary();
        double logLoss = report.Metrics.Single(m => m.Name == "log_loss").Value;
        RuleResult pass = One(Spec(new GateRule(new MetricReference("log_loss"), Max: logLoss + 0.1)), report);
        RuleResult fail = One(Spec(new GateRule(new MetricReference("log_loss"), Max: logLoss - 0.1)), report);

        Assert.Equal(RuleOutcome.Passed, pass.Outcome);
        Assert.Equal(0.1, pass.Margin, 12);
        Assert.Equal("<= " + (logLoss + 0.1).ToString("R", System.Globalization.CultureInfo.InvariantCulture), pass.BoundText);
        Assert.Equal(RuleOutcome.Failed, fail.Outcome);
        Assert.Equal(MetricDirection.LowerIsBetter, fail.Direction);
    }

    [Fact]
    public void Evaluate_MinAndMax_MarginIsTheCloserBound()
    {
        RuleResult r = One(Spec(new GateRule(new MetricReference("accuracy"), Min: 0.5, Max: 0.65)), GateData.Binary());

        Assert.Equal(RuleOutcome.Passed, r.Outcome);
        Assert.Equal(0.05, r.Margin, 12);
        Assert.Equal("in [0.5, 0.65]", r.BoundText);
    }

    [Fact]
    public void Evaluate_EachClass_OneRulePerClassInLabelOrder()
    {
        GateVerdict v = Gate.Evaluate(Spec(new GateRule(new MetricReference("f1", EachClass: true), Min: 0.55)), MetricSource.FromReport(GateData.Binary()));

        Assert.Equal(["f1[0]", "f1[1]"], v.Rules.Select(r => r.Name));
        Assert.Equal([RuleOutcome.Passed, RuleOutcome.Failed], v.Rules.Select(r => r.Outcome));
        Assert.False(v.Passed);
        Assert.Equal("FAIL: 1 of 2 rules fails: f1[1]", v.Summary);
    }

    [Fact]
    public void Evaluate_EveryRule_NeverStopsAtTheFirstFailure()
    {
        GateVerdict v = Gate.Evaluate(Spec(Min("accuracy", 0.9), Min("recall", 0.9), Min("roc_auc", 0.5)), MetricSource.FromReport(GateData.Binary()));

        Assert.Equal(3, v.Rules.Count);
        Assert.Equal(2, v.FailedCount);
        Assert.Equal(1, v.PassedCount);
    }

    [Fact]
    public void Evaluate_MulticlassCriticalClass_BareCountsRuleReadsIt()
    {
        GateVerdict v = Gate.Evaluate(Spec(Min("recall", 0.0)) with { Critical = "b" }, MetricSource.FromReport(GateData.Multiclass()));

        Assert.Equal("recall[b]", Assert.Single(v.Rules).Name);
    }

    [Fact]
    public void Measure_MulticlassScoreMetrics_ReadGroups()
    {
        EvaluationReport report = GateData.Multiclass();
        MetricSource source = MetricSource.FromReport(report);
        MetricGroup auc = report.Groups.Single(g => g.Name == "roc_auc");

        Assert.Equal(auc.Values.Single(v => v.Name == "ovr_macro").Value, source.Measure(new MetricReference("roc_auc", Average: MetricAverage.Macro)).Value);
        Assert.Equal(auc.Values.Single(v => v.Name == "ovo_weighted").Value, source.Measure(new MetricReference("roc_auc", Average: MetricAverage.OneVsOneWeighted)).Value);
        Assert.Equal(auc.PerClass!.Single(v => v.Name == "c").Value, source.Measure(new MetricReference("roc_auc", Class: "c")).Value);
        Assert.Equal(report.Groups.Single(g => g.Name == "top_k_accuracy").Values[0].Value, source.Measure(new MetricReference("top_k_accuracy", 2)).Value);
        Measurement missing = source.Measure(new MetricReference("top_k_accuracy", 3));
        Assert.True(missing.IsUndefined);
        Assert.Contains("k = 3", missing.Undefined, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_ScoreMetricWithoutScores_UndefinedWithReason()
    {
        Measurement m = MetricSource.FromReport(GateData.Binary(scores: false)).Measure(new MetricReference("roc_auc"));

        Assert.True(m.IsUndefined);
        Assert.Contains("score", m.Undefined, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UndefinedPolicy.Fail, RuleOutcome.Failed, false)]
    [InlineData(UndefinedPolicy.Pass, RuleOutcome.Passed, true)]
    [InlineData(UndefinedPolicy.Ignore, RuleOutcome.Ignored, true)]
    public void Evaluate_UndefinedValue_FollowsPolicy(UndefinedPolicy policy, RuleOutcome outcome, bool passed)
    {
        // Threshold 1.0 predicts nothing positive: precision of "1" is 0/0, NaN under zero_division nan.
        EvaluationReport report = GateData.Binary(ZeroDivision.NaN, threshold: 1.0);
        GateVerdict v = Gate.Evaluate(Spec(Min("precision", 0.5, cls: "1")) with { Undefined = policy }, MetricSource.FromReport(report));

        RuleResult r = Assert.Single(v.Rules);
        Assert.True(r.IsUndefined);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(passed, v.Passed);
        Assert.Contains("TP + FP = 0", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RulePolicy_OverridesSpecPolicy()
    {
        EvaluationReport report = GateData.Binary(ZeroDivision.NaN, threshold: 1.0);
        GateRule rule = Min("precision", 0.5, cls: "1") with { Undefined = UndefinedPolicy.Ignore };
        GateVerdict v = Gate.Evaluate(Spec(rule) with { Undefined = UndefinedPolicy.Fail }, MetricSource.FromReport(report));

        Assert.Equal(RuleOutcome.Ignored, v.Rules[0].Outcome);
        Assert.Equal("PASS: no rule was judged (1 ignored: undefined)", v.Summary);
    }

    [Fact]
    public void Evaluate_ZeroDivisionZero_UndefinedCellIsANumber()
    {
        EvaluationReport report = GateData.Binary(ZeroDivision.Zero, threshold: 1.0);

        RuleResult r = One(Spec(Min("precision", 0.5, cls: "1")), report);

        Assert.False(r.IsUndefined);
        Assert.Equal(0, r.Value);
        Assert.Equal(RuleOutcome.Failed, r.Outcome);
    }

    [Fact]
    public void FromJson_SavedReport_MeasuresLikeTheReport()
    {
        foreach (EvaluationReport report in new[] { GateData.Binary(), GateData.Multiclass() })
        {
            MetricSource live = MetricSource.FromReport(report);
            MetricSource saved = MetricSource.FromJson(EvaluationJson.ToText(report), ZeroDivision.Zero);
            Assert.Equal(live.Task, saved.Task);
            Assert.Equal(live.Labels, saved.Labels);
            foreach (MetricInfo info in MetricCatalog.All.Where(i => i.AppliesTo(report.Task)))
            {
                var refs = new List<MetricReference>();
                double? p = info.Parameter switch { "beta" => 2, "k" => 2, _ => null };
                if (info.Averages(report.Task).Count == 0 && !info.AcceptsClass(report.Task))
                {
                    refs.Add(new MetricReference(info.Name, p));
                }

                refs.AddRange(info.Averages(report.Task).Where(a => a != MetricAverage.Binary).Select(a => new MetricReference(info.Name, p, a)));
                if (info.AcceptsClass(report.Task))
                {
                    refs.AddRange(report.Labels.Select(l => new MetricReference(info.Name, p, Class: l)));
                }

                foreach (MetricReference r in refs)
                {
                    Measurement a = live.Measure(r), b = saved.Measure(r);
                    Assert.True(a.Value.Equals(b.Value) || Math.Abs(a.Value - b.Value) < 1e-12, $"{r.Key}: {a.Value} vs {b.Value}");
                }
            }
        }
    }

    [Fact]
    public void FromJson_NotAReport_FormatException()
    {
        Assert.Throws<FormatException>(() => MetricSource.FromJson("{\"schema\": \"other\"}", ZeroDivision.Zero));
        Assert.Throws<FormatException>(() => MetricSource.FromJson("[1, 2", ZeroDivision.Zero));
    }

    [Fact]
    public void Evaluate_Baseline_DropWithinAllowancePasses_LargerFails()
    {
        // At 0.75 accuracy is 0.8; at 0.5 it is 0.6: a drop of 0.2.
        MetricSource before = MetricSource.FromReport(GateData.Binary(threshold: 0.75));
        MetricSource now = MetricSource.FromReport(GateData.Binary(threshold: 0.5));
        var rules = new[] { Min("accuracy", 0.0), Min("roc_auc", 0.0) };
        double accBefore = before.Measure(new("accuracy")).Value, accNow = now.Measure(new("accuracy")).Value;
        double drop = accBefore - accNow;
        Assert.True(drop > 0);

        var allow = new BaselineSpec(null, [new DropAllowance(new MetricReference("accuracy"), drop)]);
        var strict = new BaselineSpec(null, [new DropAllowance(new MetricReference("accuracy"), drop / 2)]);
        GateVerdict ok = Gate.Evaluate(Spec(rules) with { Baseline = allow }, now, before);
        GateVerdict bad = Gate.Evaluate(Spec(rules) with { Baseline = strict }, now, before);

        Assert.True(ok.Passed);
        Assert.Equal(-drop, ok.Rules[0].Baseline!.Change, 12);
        Assert.Equal(drop, ok.Rules[0].Baseline!.Drop, 12);
        Assert.Null(ok.Rules[1].Baseline!.Passed); // roc_auc: no allowance, shown only
        Assert.False(bad.Passed);
        Assert.Equal(["accuracy"], bad.Rules.Where(r => r.Outcome == RuleOutcome.Failed).Select(r => r.Name));
    }

    [Fact]
    public void Evaluate_Baseline_LowerIsBetterRiseIsADrop()
    {
        MetricSource before = MetricSource.FromReport(GateData.Binary(threshold: 0.75));
        MetricSource now = MetricSource.FromReport(GateData.Binary(threshold: 0.5));
        var spec = Spec(new GateRule(new MetricReference("hamming_loss"), Max: 1)) with { Baseline = new BaselineSpec(null, [], DefaultMaxDrop: 0) };

        RuleResult r = Assert.Single(Gate.Evaluate(spec, now, before).Rules);

        Assert.True(r.Baseline!.Change > 0);
        Assert.Equal(r.Baseline.Change, r.Baseline.Drop, 15);
        Assert.Equal(RuleOutcome.Failed, r.Outcome);
    }

    [Fact]
    public void Evaluate_BaselineKeyWithoutRule_AddsABaselineOnlyCheck()
    {
        MetricSource before = MetricSource.FromReport(GateData.Binary(threshold: 0.75));
        MetricSource now = MetricSource.FromReport(GateData.Binary(threshold: 0.5));
        var spec = Spec(Min("roc_auc", 0.5)) with
        {
            Baseline = new BaselineSpec(null, [new DropAllowance(new MetricReference("f1", EachClass: true), 0.0)]),
        };

        GateVerdict v = Gate.Evaluate(spec, now, before);

        Assert.Equal(["roc_auc", "f1[0]", "f1[1]"], v.Rules.Select(r => r.Name));
        Assert.Equal("-", v.Rules[1].BoundText);
        Assert.All(v.Rules.Skip(1), r => Assert.NotNull(r.Baseline!.Passed));
    }

    [Fact]
    public void Evaluate_EachAllowance_AppliesToExpandedRules()
    {
        MetricSource s = MetricSource.FromReport(GateData.Binary());
        var spec = Spec(new GateRule(new MetricReference("f1", EachClass: true), Min: 0)) with
        {
            Baseline = new BaselineSpec(null, [new DropAllowance(new MetricReference("f1", EachClass: true), 0.01)]),
        };

        GateVerdict v = Gate.Evaluate(spec, s, s);

        Assert.All(v.Rules, r => Assert.Equal(0.01, r.Baseline!.MaxDrop));
        Assert.True(v.Passed);
    }

    [Fact]
    public void Evaluate_UnmetThresholdConstraint_FailsAThresholdCheck()
    {
        BinaryCurve curve = BinaryCurve.Compute(GateData.Scores, GateData.Positives);
        ThresholdChoice choice = ThresholdChoice.Choose(ThresholdSpec.Optimize(new ThresholdObjective(ObjectiveKind.Recall), new ThresholdConstraint(MinPrecision: 1.01)), curve, "1");

        GateVerdict v = Gate.Evaluate(Spec(Min("accuracy", 0)), MetricSource.FromReport(GateData.Binary()), threshold: choice);

        Assert.False(choice.ConstraintMet);
        Assert.Equal("threshold", v.Rules[0].Name);
        Assert.Equal(RuleOutcome.Failed, v.Rules[0].Outcome);
        Assert.False(v.Passed);
    }

    [Fact]
    public void Choose_DocExample_RecallAtPrecision()
    {
        BinaryCurve curve = BinaryCurve.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);
        var spec = ThresholdSpec.Optimize(new ThresholdObjective(ObjectiveKind.Recall), new ThresholdConstraint(MinPrecision: 0.6));

        ThresholdChoice c = ThresholdChoice.Choose(spec, curve, "1");

        Assert.Equal(0.35, c.Threshold);
        Assert.True(c.ConstraintMet);
        Assert.Equal(new BinaryCounts(2, 1, 0, 1), c.Counts);
        Assert.Equal("max recall subject to precision >= 0.6", c.Description);
        Assert.Equal(0.5, ThresholdChoice.Choose(ThresholdSpec.Fixed(0.5), curve, "1").Threshold);
    }

    [Fact]
    public void Rules_Starter_FloorsBelowAndCeilingsAboveCurrentValues()
    {
        MetricSource source = MetricSource.FromReport(GateData.Binary());

        IReadOnlyList<StarterRule> rules = GateStarter.Rules(source, 0.02);
        GateVerdict v = Gate.Evaluate(Spec([.. rules.Select(r => r.Rule)]), source);

        Assert.Contains(rules, r => r.Rule.Metric.Key == "f1[0]");
        Assert.Contains(rules, r => r.Rule.Metric.Key == "log_loss" && r.Rule.Max >= r.Current + 0.02);
        Assert.All(rules, r => Assert.True(r.Rule.Min is null || (r.Rule.Min <= r.Current - 0.02 + 1e-12 && r.Rule.Min >= r.Current - 0.0201)));
        Assert.True(v.Passed);
        Assert.Equal(rules.Count, v.PassedCount);
    }

    [Fact]
    public void Rules_StarterWithZeroMargin_StillPasses()
    {
        MetricSource source = MetricSource.FromReport(GateData.Multiclass());

        GateVerdict v = Gate.Evaluate(Spec([.. GateStarter.Rules(source, 0).Select(r => r.Rule)]), source);

        Assert.True(v.Passed);
    }
}
