using System.Globalization;
using Verdict.Evaluation;

namespace Verdict.Gates;

/// <summary>What a rule came to.</summary>
public enum RuleOutcome
{
    /// <summary>The value is within its bounds (and within its allowed drop from the baseline).</summary>
    Passed = 0,

    /// <summary>Out of bounds, dropped too far from the baseline, or undefined under <c>undefined: fail</c>.</summary>
    Failed = 1,

    /// <summary>Undefined under <c>undefined: ignore</c>: neither passes nor fails.</summary>
    Ignored = 2,
}

/// <summary>How a rule's value compares with the baseline report's.</summary>
/// <param name="Baseline">The baseline's value (NaN when undefined there).</param>
/// <param name="Change">Current − baseline (NaN when either is undefined).</param>
/// <param name="Drop">How much worse it got: baseline − current for higher-is-better metrics, current − baseline for lower-is-better ones.</param>
/// <param name="MaxDrop">The allowed drop, or null (the change is shown, never judged).</param>
/// <param name="Passed">Whether the drop is allowed; null when not judged.</param>
public sealed record BaselineChange(double Baseline, double Change, double Drop, double? MaxDrop, bool? Passed)
{
    /// <summary>Why the comparison could not be made, or null.</summary>
    public string? Note { get; init; }
}

/// <summary>The result of one rule (after <c>class: each</c> expansion).</summary>
/// <param name="Name">The rule's key, e.g. "f1@macro", "recall[fraud]", "roc_auc"; "threshold" for an unmet threshold constraint.</param>
/// <param name="Value">The current value (NaN when undefined).</param>
/// <param name="Min">The floor, or null.</param>
/// <param name="Max">The ceiling, or null.</param>
/// <param name="Outcome">Passed, failed or ignored.</param>
public sealed record RuleResult(string Name, double Value, double? Min, double? Max, RuleOutcome Outcome)
{
    /// <summary>The value the rule read, or null (the threshold check).</summary>
    public MetricReference? Metric { get; init; }

    /// <summary>Which way the metric improves.</summary>
    public MetricDirection Direction { get; init; }

    /// <summary>
    /// How far inside its bounds the value is (value − min, max − value, the smaller of both); negative when it fails;
    /// NaN when undefined or unbounded.
    /// </summary>
    public double Margin { get; init; } = double.NaN;

    /// <summary>Why the value is undefined and what the policy made of it, or another remark; null when none.</summary>
    public string? Note { get; init; }

    /// <summary>The comparison with the baseline, or null.</summary>
    public BaselineChange? Baseline { get; init; }

    /// <summary>Where the rule is written in the spec, or null.</summary>
    public SpecLocation? Location { get; init; }

    /// <summary>Whether the value is undefined.</summary>
    public bool IsUndefined => double.IsNaN(Value);

    /// <summary>The bound as text: "&gt;= 0.7", "&lt;= 0.1", "in [0.2, 0.8]", or "-" when unbounded.</summary>
    public string BoundText => (Min, Max) switch
    {
        (double lo, double hi) => $"in [{Num(lo)}, {Num(hi)}]",
        (double lo, null) => ">= " + Num(lo),
        (null, double hi) => "<= " + Num(hi),
        _ => "-",
    };

    internal static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The verdict of a gate: every rule's result (none stops the others) and whether all passed.</summary>
public sealed class GateVerdict
{
    /// <summary>A verdict over <paramref name="rules"/>.</summary>
    public GateVerdict(IReadOnlyList<RuleResult> rules, ThresholdChoice? threshold = null, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        Threshold = threshold;
        Notes = notes ?? [];
    }

    /// <summary>The results, in spec order (<c>class: each</c> expanded in label order; baseline-only checks last).</summary>
    public IReadOnlyList<RuleResult> Rules { get; }

    /// <summary>The threshold the predictions were made at, or null (a predicted column).</summary>
    public ThresholdChoice? Threshold { get; }

    /// <summary>Notes of the evaluation (undefined cells, skipped rows, how predictions were made).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The prediction file's name, for titles.</summary>
    public string? Source { get; init; }

    /// <summary>The spec file's name, for titles.</summary>
    public string? Spec { get; init; }

    /// <summary>The baseline report's name, or null.</summary>
    public string? BaselineSource { get; init; }

    /// <summary>Whether no rule failed (exit code 0).</summary>
    public bool Passed => FailedCount == 0;

    /// <summary>Rules that passed.</summary>
    public int PassedCount => Rules.Count(r => r.Outcome == RuleOutcome.Passed);

    /// <summary>Rules that failed.</summary>
    public int FailedCount => Rules.Count(r => r.Outcome == RuleOutcome.Failed);

    /// <summary>Rules ignored (undefined under <c>undefined: ignore</c>).</summary>
    public int IgnoredCount => Rules.Count(r => r.Outcome == RuleOutcome.Ignored);

    /// <summary>Whether any rule was compared with a baseline.</summary>
    public bool HasBaseline => Rules.Any(r => r.Baseline is not null);

    /// <summary>The one-line verdict: "PASS: all 6 rules pass" or "FAIL: 2 of 7 rules fail: recall[fraud], log_loss".</summary>
    public string Summary
    {
        get
        {
            int judged = PassedCount + FailedCount;
            string ignored = IgnoredCount > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({IgnoredCount} ignored: undefined)") : string.Empty;
            if (!Passed)
            {
                string names = string.Join(", ", Rules.Where(r => r.Outcome == RuleOutcome.Failed).Select(r => r.Name));
                return string.Create(CultureInfo.InvariantCulture, $"FAIL: {FailedCount} of {judged} {Plural(judged)} {(FailedCount == 1 ? "fails" : "fail")}: {names}{ignored}");
            }

            return judged == 0
                ? $"PASS: no rule was judged{ignored}"
                : string.Create(CultureInfo.InvariantCulture, $"PASS: {(judged == 1 ? "the only rule passes" : $"all {judged} rules pass")}{ignored}");
        }
    }

    private static string Plural(int n) => n == 1 ? "rule" : "rules";
}

/// <summary>
/// Evaluates a spec's rules against a <see cref="MetricSource"/>: expands <c>class: each</c>, reads every value,
/// checks its bounds, applies the undefined policy, and compares with a baseline. Never stops at a failure.
/// </summary>
/// <remarks>
/// <para><b>Bounds</b> are inclusive: a rule passes when min &lt;= value &lt;= max.</para>
/// <para><b>Baseline.</b> The drop is measured in the metric's bad direction (a fall for higher-is-better, a rise for
/// lower-is-better metrics) and fails when larger than the allowed drop (with 1e-12 of slack for rounding).</para>
/// <para><b>Undefined</b> values (NaN) fail, pass or are ignored as the rule's (or the spec's) policy says.</para>
/// </remarks>
public static class Gate
{
    private const double DropSlack = 1e-12;

    /// <summary>
    /// The verdict of <paramref name="spec"/> on <paramref name="current"/>, compared with <paramref name="baseline"/>
    /// when given (the spec's <see cref="GateSpec.Baseline"/> says how far each value may drop). A
    /// <paramref name="threshold"/> whose constraint was not met adds a failed "threshold" result first.
    /// </summary>
    public static GateVerdict Evaluate(GateSpec spec, MetricSource current, MetricSource? baseline = null, ThresholdChoice? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(current);
        var results = new List<RuleResult>();
        if (threshold is { ConstraintMet: false })
        {
            results.Add(new RuleResult("threshold", double.NaN, null, null, RuleOutcome.Failed)
            {
                Note = $"no threshold meets the constraint ({threshold.Description}); rules are evaluated at the unconstrained best, {threshold.ToText()}",
            });
        }

        BaselineSpec? baselineSpec = baseline is null ? null : spec.Baseline ?? new BaselineSpec(null, []);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (GateRule rule in spec.Rules)
        {
            MetricReference written = Resolve(rule.Metric, current.Task, spec.Critical);
            keys.Add(written.Key);
            foreach (MetricReference r in Expand(written, current))
            {
                keys.Add(r.Key);
                double? allowance = baselineSpec?.AllowanceFor(r, written.EachClass ? written : null);
                results.Add(Check(r, rule.Min, rule.Max, rule.Direction, rule.Undefined ?? spec.Undefined, rule.Location,
                                  current, baseline, allowance));
            }
        }

        if (baseline is not null && baselineSpec is not null)
        {
            foreach (DropAllowance d in baselineSpec.MaxDrop)
            {
                MetricReference written = Resolve(d.Metric, current.Task, spec.Critical);
                if (keys.Contains(d.Metric.Key) || keys.Contains(written.Key))
                {
                    continue;
                }

                foreach (MetricReference r in Expand(written, current))
                {
                    if (keys.Add(r.Key))
                    {
                        results.Add(Check(r, null, null, null, spec.Undefined, d.Location, current, baseline, d.MaxDrop));
                    }
                }
            }
        }

        return new GateVerdict(results, threshold, current.Notes);
    }

    /// <summary>
    /// A counts rule that names neither average nor class reads the positive class on binary data (kept as is) and
    /// the <paramref name="critical"/> class elsewhere; other references are returned unchanged.
    /// </summary>
    public static MetricReference Resolve(MetricReference reference, TaskKind task, string? critical)
    {
        ArgumentNullException.ThrowIfNull(reference);
        MetricInfo? info = MetricCatalog.Find(reference.Metric);
        bool bare = reference is { Average: MetricAverage.None, Class: null, EachClass: false };
        return bare && info?.Family == MetricFamily.Counts && task != TaskKind.Binary && critical is not null
            ? reference with { Class = critical }
            : reference;
    }

    private static IEnumerable<MetricReference> Expand(MetricReference reference, MetricSource source) =>
        reference.EachClass ? source.Labels.Select(reference.ForClass) : [reference];

    private static RuleResult Check(MetricReference r, double? min, double? max, MetricDirection? direction, UndefinedPolicy policy,
                                    SpecLocation? location, MetricSource current, MetricSource? baseline, double? allowance)
    {
        MetricInfo info = MetricCatalog.Get(r.Metric);
        MetricDirection dir = direction ?? info.Direction;
        Measurement m = current.Measure(r);
        bool? boundOk = null;
        double margin = double.NaN;
        string? note = null;
        bool bounded = min is not null || max is not null;
        if (m.IsUndefined)
        {
            note = $"undefined: {m.Undefined} ({PolicyText(policy)})";
            if (bounded)
            {
                boundOk = Judge(policy);
            }
        }
        else if (bounded)
        {
            double v = m.Value;
            boundOk = (min is not double lo || v >= lo) && (max is not double hi || v <= hi);
            margin = Math.Min(min is double a ? v - a : double.PositiveInfinity, max is double b ? b - v : double.PositiveInfinity);
        }

        BaselineChange? change = null;
        if (baseline is not null)
        {
            Measurement b = baseline.Measure(r);
            if (m.IsUndefined || b.IsUndefined)
            {
                change = new BaselineChange(b.Value, double.NaN, double.NaN, allowance, allowance is null ? null : Judge(policy))
                {
                    Note = b.IsUndefined ? $"baseline value undefined: {b.Undefined} ({PolicyText(policy)})" : "current value undefined",
                };
            }
            else
            {
                double drop = dir == MetricDirection.HigherIsBetter ? b.Value - m.Value : m.Value - b.Value;
                change = new BaselineChange(b.Value, m.Value - b.Value, drop, allowance,
                                            allowance is double limit ? drop <= limit + DropSlack : null);
            }
        }

        RuleOutcome outcome = boundOk == false || change?.Passed == false ? RuleOutcome.Failed
            : boundOk == true || change?.Passed == true ? RuleOutcome.Passed
            : RuleOutcome.Ignored;
        return new RuleResult(r.Key, m.Value, min, max, outcome)
        {
            Metric = r,
            Direction = dir,
            Margin = margin,
            Note = note,
            Baseline = change,
            Location = location,
        };
    }

    private static bool? Judge(UndefinedPolicy policy) => policy switch
    {
        UndefinedPolicy.Pass => true,
        UndefinedPolicy.Ignore => null,
        _ => false,
    };

    private static string PolicyText(UndefinedPolicy policy) => policy switch
    {
        UndefinedPolicy.Pass => "undefined: pass, so it passes",
        UndefinedPolicy.Ignore => "undefined: ignore, so it is left out",
        _ => "undefined: fail, so it fails",
    };
}
