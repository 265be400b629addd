using System.Globalization;

namespace Verdict.Internal;

/// <summary>Boundary checks shared by the public entry points. Kernels trust what passed these.</summary>
internal static class Guard
{
    public static void SameLength(int expected, int actual, string name)
    {
        if (expected != actual)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name} has {actual} values but there are {expected} rows; give one value per row."),
                name);
        }
    }

    /// <summary>Weights must be empty (unweighted) or one finite, non-negative value per row.</summary>
    public static void Weights(ReadOnlySpan<double> weights, int rows)
    {
        if (weights.IsEmpty)
        {
            return;
        }

        SameLength(rows, weights.Length, "sample weights");
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Sample weight {w} at row {i + 1} is not a finite, non-negative number; weights must be >= 0."),
                    nameof(weights));
            }
        }
    }

    public static void Index(int value, int count, int row, string what)
    {
        if ((uint)value >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(what,
                string.Create(CultureInfo.InvariantCulture, $"{what} index {value} at row {row + 1} is outside [0, {count}); encode labels with a LabelMap first."));
        }
    }
}
