using Verdict.Internal;

namespace Verdict.Counts;

/// <summary>
/// An immutable K×K confusion matrix: rows are actual classes, columns predicted classes (scikit-learn's
/// convention). It holds row counts and, when sample weights were given, weight sums; every count metric
/// (precision, recall, F, accuracy, MCC, kappa...) is a function of it, never another pass over the data.
/// </summary>
/// <example>
/// <code>
/// var cm = ConfusionMatrix.Compute(new[] { 0, 1, 2, 2 }, new[] { 0, 2, 2, 1 }, classCount: 3);
/// cm[2, 1];               // 1: one row of class 2 predicted as class 1
/// cm.OneVsRest(2);        // TP 1, FP 1, FN 1, TN 1
/// </code>
/// </example>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;
    private readonly double[]? _weights;
    private readonly double[]? _rowWeights;
    private readonly double[]? _columnWeights;

    internal ConfusionMatrix(int classCount, long[] counts, double[]? weights,
                             double[]? rowWeights = null, double[]? columnWeights = null)
    {
        ClassCount = classCount;
        _counts = counts;
        _weights = weights;
        _rowWeights = rowWeights;
        _columnWeights = columnWeights;
    }

    /// <summary>Number of classes K.</summary>
    public int ClassCount { get; }

    /// <summary>Whether cells are sample-weight sums (true) or row counts (false).</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>The cell value: rows of <paramref name="actual"/> predicted as <paramref name="predicted"/> (weight sum when weighted).</summary>
    public double this[int actual, int predicted] =>
        _weights is null ? _counts[(actual * ClassCount) + predicted] : _weights[(actual * ClassCount) + predicted];

    /// <summary>The number of rows in a cell, whether or not the matrix is weighted.</summary>
    public long CountAt(int actual, int predicted) => _counts[(actual * ClassCount) + predicted];

    /// <summary>Total rows counted (unweighted).</summary>
    public long Rows
    {
        get
        {
            long n = 0;
            foreach (long c in _counts)
            {
                n += c;
            }

            return n;
        }
    }

    /// <summary>Sum of all cells.</summary>
    public double Total
    {
        get
        {
            double t = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                t += Cell(i);
            }

            return t;
        }
    }

    /// <summary>Sum of the diagonal (correct predictions).</summary>
    public double Trace
    {
        get
        {
            double t = 0;
            for (int k = 0; k < ClassCount; k++)
            {
                t += this[k, k];
            }

            return t;
        }
    }

    /// <summary>
    /// Sum of row <paramref name="actual"/>: the support of that class. Weighted, it is the sum of the class's row
    /// weights taken in row order (as scikit-learn's <c>bincount</c>), not the sum of the row's cells.
    /// </summary>
    public double RowSum(int actual)
    {
        if (_rowWeights is not null)
        {
            return _rowWeights[actual];
        }

        double s = 0;
        for (int j = 0; j < ClassCount; j++)
        {
            s += this[actual, j];
        }

        return s;
    }

    /// <summary>Sum of column <paramref name="predicted"/>: how often (how much weight) that class was predicted; weighted, in row order.</summary>
    public double ColumnSum(int predicted)
    {
        if (_columnWeights is not null)
        {
            return _columnWeights[predicted];
        }

        double s = 0;
        for (int i = 0; i < ClassCount; i++)
        {
            s += this[i, predicted];
        }

        return s;
    }

    /// <summary>One-vs-rest counts of class <paramref name="k"/>; TN is the total minus TP, FP and FN.</summary>
    public BinaryCounts OneVsRest(int k)
    {
        double tp = this[k, k];
        double fn = RowSum(k) - tp;
        double fp = ColumnSum(k) - tp;
        return new BinaryCounts(tp, fp, fn, Total - tp - fp - fn);
    }

    /// <summary>One-vs-rest counts of every class, in index order.</summary>
    public BinaryCounts[] OneVsRestAll()
    {
        int k = ClassCount;
        var rows = new double[k];
        var cols = new double[k];
        double total = Total;
        for (int i = 0; i < k; i++)
        {
            rows[i] = RowSum(i);
            cols[i] = ColumnSum(i);
        }

        var result = new BinaryCounts[k];
        for (int c = 0; c < k; c++)
        {
            double tp = this[c, c], fn = rows[c] - tp, fp = cols[c] - tp;
            result[c] = new BinaryCounts(tp, fp, fn, total - tp - fp - fn);
        }

        return result;
    }

    /// <summary>
    /// The sub-matrix of the given classes, in the given order: scikit-learn's <c>confusion_matrix(labels=...)</c>,
    /// which leaves out rows whose actual or predicted class is not listed.
    /// </summary>
    public ConfusionMatrix Select(ReadOnlySpan<int> classes)
    {
        int m = classes.Length;
        var counts = new long[m * m];
        double[]? weights = _weights is null ? null : new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                int src = (classes[i] * ClassCount) + classes[j];
                counts[(i * m) + j] = _counts[src];
                if (weights is not null)
                {
                    weights[(i * m) + j] = _weights![src];
                }
            }
        }

        return new ConfusionMatrix(m, counts, weights);
    }

    /// <summary>
    /// The cells as a jagged array, normalised as asked. A row or column whose sum is 0 normalises to 0s
    /// (scikit-learn replaces the NaNs of 0/0 by 0).
    /// </summary>
    public double[][] ToArray(ConfusionNormalization normalization = ConfusionNormalization.None)
    {
        int k = ClassCount;
        var result = new double[k][];
        double total = normalization == ConfusionNormalization.All ? Total : 1;
        for (int i = 0; i < k; i++)
        {
            result[i] = new double[k];
            double rowSum = normalization == ConfusionNormalization.True ? RowSum(i) : 1;
            for (int j = 0; j < k; j++)
            {
                double divisor = normalization switch
                {
                    ConfusionNormalization.True => rowSum,
                    ConfusionNormalization.Pred => ColumnSum(j),
                    ConfusionNormalization.All => total,
                    _ => 1,
                };
                double v = this[i, j] / divisor;
                result[i][j] = double.IsFinite(v) ? v : 0;
            }
        }

        return result;
    }

    /// <summary>
    /// Counts label pairs into a K×K matrix in one pass. <paramref name="actual"/> and <paramref name="predicted"/>
    /// hold dense class indices in <c>[0, classCount)</c>; <paramref name="weights"/> is empty or one
    /// non-negative weight per row. Large inputs are counted in parallel chunks, each with its own matrix.
    /// </summary>
    public static ConfusionMatrix Compute(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount,
                                          ReadOnlySpan<double> weights = default)
    {
        var accumulator = new ConfusionMatrixAccumulator(classCount, weighted: !weights.IsEmpty);
        accumulator.Add(actual, predicted, weights);
        return accumulator.ToMatrix();
    }

    /// <summary>Builds a matrix from given cell counts (row-major, K×K), e.g. a table a user already has.</summary>
    public static ConfusionMatrix FromCounts(int classCount, ReadOnlySpan<long> cells)
    {
        Guard.SameLength(classCount * classCount, cells.Length, "cells");
        foreach (long c in cells)
        {
            if (c < 0)
            {
                throw new ArgumentException("Confusion matrix cells must be non-negative counts.", nameof(cells));
            }
        }

        return new ConfusionMatrix(classCount, cells.ToArray(), null);
    }

    /// <summary>Rows whose predictions were right, counted (not weighted).</summary>
    public long CorrectRows
    {
        get
        {
            long n = 0;
            for (int k = 0; k < ClassCount; k++)
            {
                n += _counts[(k * ClassCount) + k];
            }

            return n;
        }
    }

    /// <summary>
    /// Folds this matrix into a <paramref name="classCount"/>-class matrix: cell (i, j) is added to
    /// (<paramref name="rowMap"/>[i], <paramref name="columnMap"/>[j]). With one-to-one maps the result is the matrix
    /// one pass over re-encoded labels would give, including weighted row and column sums.
    /// </summary>
    internal ConfusionMatrix Remap(int classCount, ReadOnlySpan<int> rowMap, ReadOnlySpan<int> columnMap)
    {
        int k = ClassCount, m = classCount;
        var counts = new long[m * m];
        double[]? weights = _weights is null ? null : new double[m * m];
        double[]? rows = _rowWeights is null ? null : new double[m];
        double[]? cols = _columnWeights is null ? null : new double[m];
        for (int i = 0; i < rowMap.Length; i++)
        {
            for (int j = 0; j < columnMap.Length; j++)
            {
                int src = (i * k) + j, dst = (rowMap[i] * m) + columnMap[j];
                counts[dst] += _counts[src];
                if (weights is not null)
                {
                    weights[dst] += _weights![src];
                }
            }

            if (rows is not null)
            {
                rows[rowMap[i]] += _rowWeights![i];
            }
        }

        if (cols is not null)
        {
            for (int j = 0; j < columnMap.Length; j++)
            {
                cols[columnMap[j]] += _columnWeights![j];
            }
        }

        return new ConfusionMatrix(m, counts, weights, rows, cols);
    }

    private double Cell(int flatIndex) => _weights is null ? _counts[flatIndex] : _weights[flatIndex];

    internal long[] CountsView => _counts;

    internal double[]? WeightsView => _weights;
}
