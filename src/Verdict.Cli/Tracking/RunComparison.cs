using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>One descriptive field of two runs (time, input hash, commit, ...), as text; null where a run has none.</summary>
/// <param name="Name">The field name, e.g. <c>input_sha256</c>.</param>
/// <param name="A">The first run's value.</param>
/// <param name="B">The second run's value.</param>
internal sealed record FieldDifference(string Name, string? A, string? B)
{
    /// <summary>Whether the values differ.</summary>
    public bool Differs => !string.Equals(A, B, StringComparison.Ordinal);
}

/// <summary>One metric key of two runs; null where a run lacks the key (NaN where it was undefined).</summary>
/// <param name="Key">The metric key.</param>
/// <param name="A">The first run's value, or null.</param>
/// <param name="B">The second run's value, or null.</param>
internal sealed record MetricDifference(string Key, double? A, double? B)
{
    /// <summary>B − A when both runs have a number, else null.</summary>
    public double? Delta => A is double a && B is double b && !double.IsNaN(a) && !double.IsNaN(b) ? b - a : null;

    /// <summary>Whether the values differ (two NaNs are the same; a missing key differs from any value).</summary>
    public bool Differs => (A, B) switch
    {
        (null, null) => false,
        (double a, double b) => !(a.Equals(b)),
        _ => true,
    };
}

/// <summary>Two runs side by side: every descriptive field and the union of their metric keys, with differences.</summary>
internal sealed class RunComparison
{
    private RunComparison(RunRecord a, RunRecord b, IReadOnlyList<FieldDifference> fields, IReadOnlyList<MetricDifference> metrics)
    {
        A = a;
        B = b;
        Fields = fields;
        Metrics = metrics;
    }

    /// <summary>The first run.</summary>
    public RunRecord A { get; }

    /// <summary>The second run.</summary>
    public RunRecord B { get; }

    /// <summary>Every descriptive field, in <see cref="RunRender.Fields"/> order.</summary>
    public IReadOnlyList<FieldDifference> Fields { get; }

    /// <summary>Every metric key of either run: A's in order, then those only B has.</summary>
    public IReadOnlyList<MetricDifference> Metrics { get; }

    /// <summary>Compares <paramref name="a"/> with <paramref name="b"/>.</summary>
    public static RunComparison Create(RunRecord a, RunRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        IReadOnlyList<(string Name, string? Value)> fa = RunRender.Fields(a), fb = RunRender.Fields(b);
        var fields = new List<FieldDifference>(fa.Count);
        for (int i = 0; i < fa.Count; i++)
        {
            if (fa[i].Name is not "id" and not "uid")
            {
                fields.Add(new FieldDifference(fa[i].Name, fa[i].Value, fb[i].Value));
            }
        }

        var valuesB = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (RunMetric m in b.AllMetrics())
        {
            valuesB.TryAdd(m.Key, m.Value);
        }

        var metrics = new List<MetricDifference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (RunMetric m in a.AllMetrics())
        {
            if (seen.Add(m.Key))
            {
                metrics.Add(new MetricDifference(m.Key, m.Value, valuesB.TryGetValue(m.Key, out double vb) ? vb : null));
            }
        }

        foreach (RunMetric m in b.AllMetrics())
        {
            if (seen.Add(m.Key))
            {
                metrics.Add(new MetricDifference(m.Key, null, m.Value));
            }
        }

        return new RunComparison(a, b, fields, metrics);
    }
}
