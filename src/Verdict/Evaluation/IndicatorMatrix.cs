using System.Globalization;

namespace Verdict.Evaluation;

/// <summary>
/// A multilabel indicator matrix: one row per sample, one 0/1 column per label, stored row-major as bytes.
/// </summary>
public sealed class IndicatorMatrix
{
    private readonly byte[] _cells;

    /// <summary>Wraps row-major 0/1 <paramref name="cells"/> of <paramref name="labelCount"/> columns.</summary>
    public IndicatorMatrix(byte[] cells, int labelCount)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(labelCount);
        if (cells.Length % labelCount != 0)
        {
            throw new ArgumentException("The cell count is not a multiple of the label count.", nameof(cells));
        }

        _cells = cells;
        LabelCount = labelCount;
    }

    /// <summary>Number of labels (columns).</summary>
    public int LabelCount { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => _cells.Length / LabelCount;

    /// <summary>The cells, row-major.</summary>
    public ReadOnlySpan<byte> Cells => _cells;

    /// <summary>The cell at <paramref name="row"/>, <paramref name="label"/>.</summary>
    public byte this[int row, int label] => _cells[(row * LabelCount) + label];

    /// <summary>Builds a matrix from rows of numbers that must each be 0 or 1.</summary>
    public static IndicatorMatrix FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("An indicator matrix needs at least one row.", nameof(rows));
        }

        int k = rows[0].Count;
        var cells = new byte[rows.Count * k];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Count != k)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Row {r + 1} has {rows[r].Count} labels; row 1 has {k}."), nameof(rows));
            }

            for (int j = 0; j < k; j++)
            {
                double v = rows[r][j];
                if (v != 0 && v != 1)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Row {r + 1}, label {j} is {v}; multilabel cells must be 0 or 1."), nameof(rows));
                }

                cells[(r * k) + j] = (byte)v;
            }
        }

        return new IndicatorMatrix(cells, k);
    }
}
