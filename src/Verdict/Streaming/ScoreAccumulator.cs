using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Streaming;

/// <summary>
/// The exact-curve statistic, kept row by row: one score per row and per score column, the row's actual class and
/// weight. O(N) memory (use <see cref="BinnedCurveAccumulator"/> for O(bins)). Binary: one column and a 0/1 class;
/// multiclass: one column per class (row-major) and a class index; multilabel: one column per label and a 0/1 cell
/// per label. Appending batches and merging shards (in any order) give the one-pass curves and AUCs: sorting makes
/// them independent of row order. Mutable, not thread-safe.
/// </summary>
public sealed class ScoreAccumulator
{
    private readonly Growable<double> _scores = new();
    private readonly Growable<int> _targets = new();
    private readonly Growable<double> _weights = new();

    /// <summary>An empty accumulator of <paramref name="columns"/> score columns per row.</summary>
    /// <param name="columns">Score columns per row (1 for binary).</param>
    /// <param name="targetsPerRow">Targets per row: 1 (a class index or 0/1) or, for multilabel, one 0/1 per column.</param>
    /// <param name="weighted">Whether rows carry sample weights.</param>
    public ScoreAccumulator(int columns, int targetsPerRow = 1, bool weighted = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetsPerRow);
        Columns = columns;
        TargetsPerRow = targetsPerRow;
        IsWeighted = weighted;
    }

    /// <summary>Score columns per row.</summary>
    public int Columns { get; }

    /// <summary>Targets per row.</summary>
    public int TargetsPerRow { get; }

    /// <summary>Whether rows carry weights.</summary>
    public bool IsWeighted { get; }

    /// <summary>Rows added.</summary>
    public int Rows => _targets.Count / TargetsPerRow;

    /// <summary>All scores, row-major.</summary>
    public ReadOnlySpan<double> Scores => _scores.Span;

    /// <summary>All targets, row-major.</summary>
    public ReadOnlySpan<int> Targets => _targets.Span;

    /// <summary>All weights (empty when unweighted).</summary>
    public ReadOnlySpan<double> Weights => _weights.Span;

    /// <summary>Appends a batch: row-major <paramref name="scores"/>, <paramref name="targets"/> and optional weights.</summary>
    public void Add(ReadOnlySpan<double> scores, ReadOnlySpan<int> targets, ReadOnlySpan<double> weights = default)
    {
        int rows = targets.Length / TargetsPerRow;
        if (targets.Length % TargetsPerRow != 0 || scores.Length != rows * Columns)
        {
            throw new ArgumentException($"A batch needs {Columns} scores and {TargetsPerRow} targets per row.", nameof(scores));
        }

        if (IsWeighted ? weights.Length != rows : !weights.IsEmpty)
        {
            throw new ArgumentException(IsWeighted ? "This accumulator is weighted; give one weight per row." : "This accumulator is unweighted.", nameof(weights));
        }

        Guard.Weights(weights, rows);
        CurveChecks.Finite(scores, nameof(scores));
        _scores.Append(scores);
        _targets.Append(targets);
        _weights.Append(weights);
    }

    /// <summary>Appends another accumulator's rows.</summary>
    public void Merge(ScoreAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Columns != Columns || other.TargetsPerRow != TargetsPerRow || other.IsWeighted != IsWeighted)
        {
            throw new ArgumentException("Cannot merge score accumulators with different columns, targets or weighting.", nameof(other));
        }

        _scores.Append(other.Scores);
        _targets.Append(other.Targets);
        _weights.Append(other.Weights);
    }

    /// <summary>Forgets everything added.</summary>
    public void Reset()
    {
        _scores.Clear();
        _targets.Clear();
        _weights.Clear();
    }

    /// <summary>Binary: the exact curve of column 0 with target 1 as positive (one sort).</summary>
    public BinaryCurve ToCurve()
    {
        if (Columns != 1 || TargetsPerRow != 1)
        {
            throw new InvalidOperationException("ToCurve applies to one score column with one 0/1 target per row.");
        }

        return BinaryCurve.Compute(Scores, Targets, 1, Weights);
    }
}
