namespace Verdict.Cli.Input;

/// <summary>
/// A growing window over an input read in large blocks. The next block is read on a background task
/// while the caller parses the current window; bytes not yet consumed are kept at the front when more is read.
/// </summary>
internal sealed class BlockBuffer : IDisposable
{
    private readonly InputSource _source;
    private readonly int _blockSize;
    private readonly byte[] _incoming;
    private Task<int>? _pending;
    private int _filled;

    /// <summary>Creates an empty window over <paramref name="source"/>; nothing is read until <see cref="ReadMore"/>.</summary>
    public BlockBuffer(InputSource source, int blockSize)
    {
        _source = source;
        _blockSize = Math.Max(1, blockSize);
        _incoming = new byte[_blockSize];
        Buffer = new byte[Math.Max(_blockSize * 2, 64)];
    }

    /// <summary>The window's storage; <see cref="Available"/> starts at <see cref="Offset"/>.</summary>
    public byte[] Buffer { get; private set; }

    /// <summary>Where the unconsumed bytes start in <see cref="Buffer"/>.</summary>
    public int Offset { get; private set; }

    /// <summary>Whether the input has been read to its end (no more bytes will arrive).</summary>
    public bool AtEnd { get; private set; }

    /// <summary>The bytes read but not yet consumed.</summary>
    public ReadOnlySpan<byte> Available => Buffer.AsSpan(Offset, _filled - Offset);

    /// <summary>Marks <paramref name="count"/> bytes at the start of <see cref="Available"/> as done.</summary>
    public void Consume(int count) => Offset += count;

    /// <summary>Appends the next block to <see cref="Available"/> (moving it to the front first); sets <see cref="AtEnd"/> on a short read.</summary>
    public void ReadMore()
    {
        if (AtEnd)
        {
            return;
        }

        int kept = _filled - Offset;
        if (Offset > 0)
        {
            Buffer.AsSpan(Offset, kept).CopyTo(Buffer);
            Offset = 0;
            _filled = kept;
        }

        if (_filled + _blockSize > Buffer.Length)
        {
            long size = Math.Max((long)Buffer.Length * 2, (long)_filled + _blockSize);
            if (size > Array.MaxLength)
            {
                throw new InputException(new InputProblem(_source.DisplayName, 0, null, null,
                    "a single record is larger than 1 GB; is a quote left open?"));
            }

            byte[] bigger = new byte[size];
            Buffer.AsSpan(0, _filled).CopyTo(bigger);
            Buffer = bigger;
        }

        int n;
        if (_pending is not null)
        {
            Task<int> pending = _pending;
            _pending = null;
            n = pending.GetAwaiter().GetResult();
        }
        else
        {
            n = _source.ReadBlock(_incoming);
        }

        _incoming.AsSpan(0, n).CopyTo(Buffer.AsSpan(_filled));
        _filled += n;
        _source.ReportProgress();
        if (n < _blockSize)
        {
            AtEnd = true;
        }
        else
        {
            _pending = Task.Run(() => _source.ReadBlock(_incoming));
        }
    }

    /// <summary>Waits for a read still in flight so the source can be closed safely.</summary>
    public void Dispose()
    {
        Task<int>? pending = _pending;
        _pending = null;
        if (pending is not null)
        {
            try
            {
                pending.GetAwaiter().GetResult();
            }
            catch (InputException)
            {
                // The read is abandoned; its error does not matter any more.
            }
        }
    }
}
