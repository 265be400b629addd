using System.Runtime.InteropServices;
using Verdict.Internal;

namespace Verdict.Curves;

/// <summary>
/// Reusable scratch for building exact curves (scikit-learn's <c>_binary_clf_curve</c>) without allocating per
/// curve: the caller fills <see cref="Keys"/>, <see cref="Positive"/> and, when weighted, <see cref="Weight"/>
/// for <c>n</c> rows, then calls <see cref="Build"/>. Capacity is fixed; one workspace serves many curves of at
/// most that many rows (one per label, or one per row for samples averaging).
/// </summary>
internal sealed class CurveWorkspace
{
    private readonly int _capacity;
    private readonly CurveSorter _sorter = new();
    private double[]? _keys;
    private bool[]? _positive;
    private double[]? _weight;
    private double[]? _thresholds;
    private double[]? _truePositives;
    private double[]? _falsePositives;

    public CurveWorkspace(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Scores, one per row (overwritten by <see cref="Build"/>). Arrays are allocated on first use.</summary>
    public double[] Keys => _keys ??= new double[_capacity];

    /// <summary>Whether each row is positive.</summary>
    public bool[] Positive => _positive ??= new bool[_capacity];

    /// <summary>Sample weight of each row (read only when weighted).</summary>
    public double[] Weight => _weight ??= new double[_capacity];

    /// <summary>Distinct thresholds, highest first (first <see cref="Count"/> values).</summary>
    public double[] Thresholds => _thresholds ??= LargeArray.Allocate<double>(_capacity);

    /// <summary>Cumulative true positives at each threshold.</summary>
    public double[] TruePositives => _truePositives ??= LargeArray.Allocate<double>(_capacity);

    /// <summary>Cumulative false positives at each threshold.</summary>
    public double[] FalsePositives => _falsePositives ??= LargeArray.Allocate<double>(_capacity);

    /// <summary>Number of distinct thresholds after <see cref="Build"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Total positive weight.</summary>
    public double Positives { get; private set; }

    /// <summary>Total negative weight.</summary>
    public double Negatives { get; private set; }

    public ReadOnlySpan<double> Tps => TruePositives.AsSpan(0, Count);

    public ReadOnlySpan<double> Fps => FalsePositives.AsSpan(0, Count);

    /// <summary>
    /// Sorts the first <paramref name="n"/> rows by score and accumulates TP and FP from the highest score down.
    /// Rows of weight 0 are dropped first (they add no threshold), as scikit-learn does. Tied scores form one
    /// threshold: a row is predicted positive at threshold t when its score is &gt;= t. Weighted sums within a tie
    /// run from the highest row index down (scikit-learn's stable sort, reversed). The sort is
    /// <see cref="CurveSorter"/>'s: positive and negative keys sorted apart, then merged from the top.
    /// </summary>
    public void Build(int n, bool weighted)
    {
        double[] keys = Keys;
        if (weighted)
        {
            _sorter.SplitWeighted(keys.AsSpan(0, n), Positive.AsSpan(0, n), Weight.AsSpan(0, n));
        }
        else
        {
            _sorter.Split(keys.AsSpan(0, n), Positive.AsSpan(0, n));
        }

        // The scores are keys in the sorter now, so their array serves as the sort's scratch.
        var sink = new ArraySink(Thresholds, TruePositives, FalsePositives);
        _sorter.Run(ref sink, MemoryMarshal.Cast<double, ulong>(keys.AsSpan(0, n)));
        Count = sink.Count;
        Positives = sink.TruePositives;
        Negatives = sink.FalsePositives;
    }
}
