using Verdict.Counts;

namespace Verdict.Scores;

/// <summary>
/// The averaging step, over per-class counts: micro pools counts then scores; macro scores then takes the
/// mean; weighted weights the mean by support; samples averages per-row scores (multilabel). NaN scores
/// (the <see cref="ZeroDivision.NaN"/> policy) are left out of macro, weighted and samples means.
/// </summary>
public static class Averaging
{
    /// <summary>
    /// Averages <paramref name="score"/> over the classes of <paramref name="counts"/>. <see cref="Average.None"/> and
    /// <see cref="Average.Binary"/> need exactly one class here (select it first); <see cref="Average.Samples"/> needs
    /// <paramref name="samples"/>.
    /// </summary>
    public static double Apply(ReadOnlySpan<BinaryCounts> counts, SampleCounts? samples, Average average,
                               Func<BinaryCounts, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        switch (average)
        {
            case Average.Micro:
                return score(BinaryCounts.Sum(counts));
            case Average.Macro:
            case Average.Weighted:
                {
                    Span<double> values = counts.Length <= 256 ? stackalloc double[counts.Length] : new double[counts.Length];
                    Span<double> weights = counts.Length <= 256 ? stackalloc double[counts.Length] : new double[counts.Length];
                    for (int i = 0; i < counts.Length; i++)
                    {
                        values[i] = score(counts[i]);
                        weights[i] = counts[i].Support;
                    }

                    return average == Average.Macro ? Mean(values) : Mean(values, weights);
                }

            case Average.Samples:
                if (samples is null)
                {
                    throw new ArgumentException("Samples averaging applies to multilabel data only.", nameof(samples));
                }

                return samples.Mean(score);
            default:
                if (counts.Length != 1)
                {
                    throw new ArgumentException($"Average '{average}' needs exactly one class; select the positive class first.", nameof(average));
                }

                return score(counts[0]);
        }
    }

    /// <summary>The mean of the non-NaN values; NaN when there are none.</summary>
    public static double Mean(ReadOnlySpan<double> values) => Mean(values, default);

    /// <summary>
    /// The weighted mean of the non-NaN values (scikit-learn's <c>_nanaverage</c>): NaN when there are none; the
    /// plain mean when <paramref name="weights"/> is empty or the kept weights sum to 0.
    /// </summary>
    public static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0, weightedSum = 0, weightSum = 0;
        int kept = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsNaN(v))
            {
                continue;
            }

            kept++;
            sum += v;
            if (!weights.IsEmpty)
            {
                weightedSum += v * weights[i];
                weightSum += weights[i];
            }
        }

        if (kept == 0)
        {
            return double.NaN;
        }

        return weightSum > 0 ? weightedSum / weightSum : sum / kept;
    }
}
