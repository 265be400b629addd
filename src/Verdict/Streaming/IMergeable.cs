namespace Verdict.Streaming;

/// <summary>
/// A statistic built batch by batch that can absorb another of its kind. <see cref="Merge"/> is associative and
/// commutative: any split of the rows into parts, merged in any order, gives the one-pass result (counts exactly;
/// floating-point sums up to rounding where the type says so). <see cref="Reset"/> makes it empty again.
/// Implementations are mutable and not thread-safe; <see cref="ConcurrentAccumulator{T}"/> shares one among threads.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IMergeable<TSelf>
    where TSelf : IMergeable<TSelf>
{
    /// <summary>Adds <paramref name="other"/>'s statistic to this one; <paramref name="other"/> is not changed.</summary>
    /// <exception cref="ArgumentException">The two were configured differently (classes, columns, weighting).</exception>
    void Merge(TSelf other);

    /// <summary>Forgets everything added or merged.</summary>
    void Reset();
}
