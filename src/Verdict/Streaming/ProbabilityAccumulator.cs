using Verdict.Probabilistic;

namespace Verdict.Streaming;

/// <summary>
/// Constant-memory sums for binary log loss and Brier score (and their weight total), exactly the per-row terms
/// <see cref="LogLoss.Binary"/> and <see cref="BrierScore.Binary"/> add. Merge adds sums; results equal one pass up
/// to floating-point summation order. Mutable, not thread-safe (see <see cref="ConcurrentAccumulator{T}"/>).
/// </summary>
public sealed class ProbabilityAccumulator : IMergeable<ProbabilityAccumulator>
{
    private double _logLoss, _brier, _weight;

    /// <summary>Adds a batch of probabilities of the positive class with the actual classes.</summary>
    public void Add(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> positives, ReadOnlySpan<double> weights = default)
    {
        if (probabilities.Length != positives.Length || (!weights.IsEmpty && weights.Length != positives.Length))
        {
            throw new ArgumentException("Give one probability, class and (optional) weight per row.", nameof(probabilities));
        }

        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(probabilities), p, $"Row {i + 1}: probabilities must lie in [0, 1].");
            }

            double w = weights.IsEmpty ? 1.0 : weights[i];
            double c = Math.Clamp(p, Probabilistic.LogLoss.Epsilon, 1 - Probabilistic.LogLoss.Epsilon), q = 1 - c;
            _logLoss += -Math.Log((positives[i] ? c : q) / (q + c)) * w;
            double d = p - (positives[i] ? 1 : 0);
            _brier += d * d * w;
            _weight += w;
        }
    }

    /// <summary>Adds another accumulator's sums.</summary>
    public void Merge(ProbabilityAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _logLoss += other._logLoss;
        _brier += other._brier;
        _weight += other._weight;
    }

    /// <summary>Clears the sums.</summary>
    public void Reset() => _logLoss = _brier = _weight = 0;

    /// <summary>Mean log loss (NaN with no rows).</summary>
    public double LogLoss => _logLoss / _weight;

    /// <summary>Mean Brier score (NaN with no rows).</summary>
    public double BrierScore => _brier / _weight;
}
