using System.Globalization;

namespace Verdict.Curves;

/// <summary>
/// Helpers for the row-major matrices the multiclass and multilabel entry points take (one row per sample, one
/// column per class or label): the value of row r, column c is at <c>r · columns + c</c>.
/// </summary>
public static class ScoreMatrix
{
    /// <summary>Copies a jagged matrix into one row-major array; every row must have the same length.</summary>
    /// <example><c>ScoreMatrix.Flatten(new[] { new[] { 0.2, 0.8 }, new[] { 0.6, 0.4 } })</c> is 0.2, 0.8, 0.6, 0.4.</example>
    public static T[] Flatten<T>(IReadOnlyList<T[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        int columns = rows[0]?.Length ?? 0;
        var flat = new T[rows.Count * columns];
        for (int r = 0; r < rows.Count; r++)
        {
            T[] row = rows[r];
            if (row is null || row.Length != columns)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Row {r + 1} has {row?.Length ?? 0} values but row 1 has {columns}; every row needs one value per column."),
                    nameof(rows));
            }

            row.CopyTo(flat, r * columns);
        }

        return flat;
    }

    /// <summary>
    /// The label-indicator matrix of single-label rows: row r has true in column <c>labels[r]</c> only
    /// (scikit-learn's <c>label_binarize</c>), row-major with <paramref name="classCount"/> columns.
    /// </summary>
    public static bool[] Indicator(ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        CurveChecks.Labels(labels, classCount);
        var indicator = new bool[labels.Length * classCount];
        for (int r = 0; r < labels.Length; r++)
        {
            indicator[(r * classCount) + labels[r]] = true;
        }

        return indicator;
    }
}
