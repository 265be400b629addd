namespace Verdict.Streaming;

/// <summary>
/// One accumulator shared by parallel producers without a shared hot path: each thread adds to its own accumulator
/// (made by the factory the first time the thread calls <see cref="Rent"/>), and <see cref="Snapshot"/> merges them
/// all into a fresh one. Because every part is an ordinary accumulator and <see cref="IMergeable{TSelf}.Merge"/> is
/// associative and commutative, the snapshot equals one pass over all rows added (counts exactly; curves exactly;
/// floating-point sums up to the rounding the type states). Thread-safe: <see cref="Rent"/>, <see cref="Snapshot"/>
/// and <see cref="Reset"/> may be called from any thread at any time. A batch is added whole or not at all as far
/// as a snapshot can see (the thread's part is locked while it is rented; the lock is uncontended except during a
/// snapshot or reset).
/// </summary>
/// <typeparam name="T">The accumulator type, e.g. <see cref="Counts.ConfusionMatrixAccumulator"/> or <see cref="ScoreAccumulator"/>.</typeparam>
/// <example>
/// <code>
/// using var shared = new ConcurrentAccumulator&lt;ConfusionMatrixAccumulator&gt;(() =&gt; new ConfusionMatrixAccumulator(3));
/// Parallel.For(0, batches.Length, b =&gt;
/// {
///     using ConcurrentAccumulator&lt;ConfusionMatrixAccumulator&gt;.Lease lease = shared.Rent();
///     lease.Accumulator.Add(batches[b].Actual, batches[b].Predicted);
/// });
/// ConfusionMatrix matrix = shared.Snapshot().ToMatrix();   // the same matrix as one pass over every batch
/// </code>
/// </example>
public sealed class ConcurrentAccumulator<T> : IDisposable
    where T : class, IMergeable<T>
{
    private readonly Func<T> _create;
    private readonly ThreadLocal<Part> _local;
    private readonly List<Part> _parts = [];
    private readonly Lock _gate = new();

    /// <summary>A shared accumulator whose per-thread parts (and snapshots) <paramref name="create"/> makes: a new, empty accumulator each call, all configured alike.</summary>
    public ConcurrentAccumulator(Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _create = create;
        _local = new ThreadLocal<Part>(NewPart);
    }

    /// <summary>Number of per-thread parts made so far (threads that have rented).</summary>
    public int PartCount
    {
        get
        {
            lock (_gate)
            {
                return _parts.Count;
            }
        }
    }

    /// <summary>
    /// The calling thread's own accumulator, locked until the lease is disposed: add one or more batches to
    /// <see cref="Lease.Accumulator"/>, then dispose the lease on the same thread (a <c>using</c> declaration; the
    /// lease cannot be held across an <c>await</c>).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The shared accumulator was disposed.</exception>
    public Lease Rent()
    {
        Part part = _local.Value!;
        part.Gate.Enter();
        return new Lease(part);
    }

    /// <summary>
    /// A new accumulator (from the factory) with every thread's part merged into it, in the order the parts were
    /// made. The parts keep their contents, so producers can go on adding and a later snapshot includes more.
    /// </summary>
    public T Snapshot()
    {
        T result = _create();
        foreach (Part part in Parts())
        {
            if (ReferenceEquals(part.Accumulator, result))
            {
                throw new InvalidOperationException("The factory returned an accumulator that is already a part; it must make a new one on each call.");
            }

            lock (part.Gate)
            {
                result.Merge(part.Accumulator);
            }
        }

        return result;
    }

    /// <summary>Empties every thread's part (each under its lock).</summary>
    public void Reset()
    {
        foreach (Part part in Parts())
        {
            lock (part.Gate)
            {
                part.Accumulator.Reset();
            }
        }
    }

    /// <summary>Releases the per-thread slots; the parts already made stay readable through <see cref="Snapshot"/>.</summary>
    public void Dispose() => _local.Dispose();

    private Part[] Parts()
    {
        lock (_gate)
        {
            return [.. _parts];
        }
    }

    private Part NewPart()
    {
        var part = new Part(_create() ?? throw new InvalidOperationException("The factory returned null."));
        lock (_gate)
        {
            foreach (Part existing in _parts)
            {
                if (ReferenceEquals(existing.Accumulator, part.Accumulator))
                {
                    throw new InvalidOperationException("The factory returned an accumulator that is already a part; it must make a new one on each call.");
                }
            }

            _parts.Add(part);
        }

        return part;
    }

    /// <summary>A thread's rented accumulator; dispose it (on the renting thread) to release the lock.</summary>
    public readonly ref struct Lease
    {
        private readonly Part _part;

        internal Lease(Part part) => _part = part;

        /// <summary>The calling thread's accumulator, exclusively its own until the lease is disposed.</summary>
        public T Accumulator => _part.Accumulator;

        /// <summary>Releases the lock taken by <see cref="Rent"/>.</summary>
        public void Dispose() => _part?.Gate.Exit();
    }

    internal sealed class Part(T accumulator)
    {
        public T Accumulator { get; } = accumulator;

        public Lock Gate { get; } = new();
    }
}
