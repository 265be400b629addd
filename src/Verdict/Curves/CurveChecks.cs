using System.Globalization;

namespace Verdict.Curves;

/// <summary>Boundary checks for score inputs (curves, ranking and probabilistic scores).</summary>
internal static class CurveChecks
{
    /// <summary>Every score must be a finite number (scikit-learn's <c>assert_all_finite</c>).</summary>
    public static void Finite(ReadOnlySpan<double> scores, string name)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name} value {scores[i]} at position {i + 1} is not a finite number; remove or replace NaN and infinite scores."),
                    name);
            }
        }
    }

    /// <summary>A row-major matrix must hold rows × columns values, with at least one column.</summary>
    public static int Rows(int length, int columns, string name)
    {
        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "There must be at least one column.");
        }

        if (length % columns != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name} has {length} values, which is not a whole number of rows of {columns} columns; give one value per row and column, row by row."),
                name);
        }

        return length / columns;
    }

    /// <summary>Label indices must be in [0, classCount).</summary>
    public static void Labels(ReadOnlySpan<int> labels, int classCount)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            Internal.Guard.Index(labels[i], classCount, i, "label");
        }
    }

    /// <summary>Probabilities must lie in [0, 1].</summary>
    public static void Probabilities(ReadOnlySpan<double> probabilities, string name)
    {
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name} value {p} at position {i + 1} is outside [0, 1]; give probabilities."),
                    name);
            }
        }
    }

    /// <summary>0/1 labels given as bytes.</summary>
    public static void ZeroOne(ReadOnlySpan<byte> labels, string name)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 1)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name} value {labels[i]} at row {i + 1} is not 0 or 1; give 1 for the positive class and 0 otherwise."),
                    name);
            }
        }
    }
}
