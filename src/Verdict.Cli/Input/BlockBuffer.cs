namespace Verdict.Cli.Input;

/// <summary>
/// A window over an input read in large blocks. The next block is read on a background task into a second
/// buffer while the caller parses the current one; on <see cref="ReadMore"/> the unconsumed tail (usually a
/// partial line) is copied in front of the new block and the buffers swap, so block data is never copied.
/// </summary>
internal sealed class BlockBuffer : IDisposable
{
    // Room kept in front of each block for the previous block's unconsumed tail.
    private const int HeadRoom = 64 * 1024;

    private readonly InputSource _source;
    private readonly int _blockSize;
    private byte[] _spare;
    private Task<int>? _pending;
    private int _filled;

    /// <summary>Creates an empty window over <paramref name="source"/>; nothing is read until <see cref="ReadMore"/>.</summary>
    public BlockBuffer(InputSource source, int blockSize)
    {
        _source = source;
        _blockSize = Math.Max(1, blockSize);
        Buffer = Verdict.Internal.LargeArray.Allocate<byte>(HeadRoom + _blockSize);
        _spare = Verdict.Internal.LargeArray.Allocate<byte>(HeadRoom + _blockSize);
        Offset = HeadRoom;
        _filled = HeadRoom;
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

    /// <summary>Appends the next block to <see cref="Available"/>; sets <see cref="AtEnd"/> on a short read.</summary>
    public void ReadMore()
    {
        if (AtEnd)
        {
            return;
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
            n = _source.ReadBlock(_spare.AsSpan(HeadRoom, _blockSize));
        }

        // The new block sits at _spare[HeadRoom..HeadRoom + n]; put the unconsumed tail in front of it.
        int kept = _filled - Offset;
        if (kept <= HeadRoom)
        {
            Buffer.AsSpan(Offset, kept).CopyTo(_spare.AsSpan(HeadRoom - kept));
            (Buffer, _spare) = (_spare, Buffer);
            Offset = HeadRoom - kept;
            _filled = HeadRoom + n;
        }
        else
        {
            // A record longer than the head room: gather tail and block in one bigger buffer.
            long size = (long)HeadRoom + kept + n;
            if (size > Array.MaxLength)
            {
                throw new InputException(new InputProblem(_source.DisplayName, 0, null, null,
                    "a single record is larger than 2 GB; is a quote left open?"));
            }

            byte[] bigger = new byte[Math.Max(size, Buffer.Length)];
            Buffer.AsSpan(Offset, kept).CopyTo(bigger.AsSpan(HeadRoom));
            _spare.AsSpan(HeadRoom, n).CopyTo(bigger.AsSpan(HeadRoom + kept));
            Buffer = bigger;
            Offset = HeadRoom;
            _filled = HeadRoom + kept + n;
        }

        _source.ReportProgress();
        if (n < _blockSize)
        {
            AtEnd = true;
        }
        else
        {
            byte[] target = _spare;
            _pending = Task.Run(() => _source.ReadBlock(target.AsSpan(HeadRoom, _blockSize)));
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
            catch (Exception e) when (e is InputException or IOException or ObjectDisposedException or NotSupportedException)
            {
                // The read is abandoned; its error does not matter any more.
            }
        }
    }
}
