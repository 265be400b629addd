using System.Runtime.CompilerServices;

namespace Verdict.Cli.Input;

/// <summary>An append-only buffer of unmanaged values that doubles as it grows (a minimal List without bounds checks per add).</summary>
internal sealed class GrowableArray<T>
    where T : unmanaged
{
    private T[] _items;

    /// <summary>Creates an empty buffer with room for <paramref name="capacity"/> values.</summary>
    public GrowableArray(int capacity = 1024) => _items = Verdict.Internal.LargeArray.Allocate<T>(Math.Max(capacity, 16));

    /// <summary>How many values have been added.</summary>
    public int Count { get; private set; }

    /// <summary>The values added so far (a view over the buffer; valid until the next add).</summary>
    public Span<T> Span => _items.AsSpan(0, Count);

    /// <summary>Appends one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }

        _items[Count++] = value;
    }

    /// <summary>Appends <paramref name="count"/> uninitialised slots and returns them for the caller to fill.</summary>
    public Span<T> AddSpan(int count)
    {
        if (Count + count > _items.Length)
        {
            Grow(Count + count);
        }

        Span<T> slots = _items.AsSpan(Count, count);
        Count += count;
        return slots;
    }

    /// <summary>The storage itself (its length is the capacity); for callers that fill reserved slots in place.</summary>
    public T[] Items => _items;

    /// <summary>Makes room for at least <paramref name="capacity"/> values without moving them later.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            Grow(capacity);
        }
    }

    /// <summary>Declares the first <paramref name="count"/> slots of <see cref="Items"/> filled.</summary>
    public void SetCount(int count)
    {
        if ((uint)count > (uint)_items.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        Count = count;
    }

    /// <summary>Drops values beyond the first <paramref name="count"/>.</summary>
    public void Trim(int count) => Count = Math.Min(Count, count);

    /// <summary>Empties the buffer, keeping its capacity.</summary>
    public void Clear() => Count = 0;

    /// <summary>The values as an exactly-sized array (the buffer itself when it is already exact).</summary>
    public T[] ToArray()
    {
        if (Count == _items.Length)
        {
            return _items;
        }

        T[] exact = Verdict.Internal.LargeArray.Allocate<T>(Count);
        _items.AsSpan(0, Count).CopyTo(exact);
        return exact;
    }

    private void Grow(int needed)
    {
        long size = Math.Max((long)_items.Length * 2, needed);
        if (needed > Array.MaxLength)
        {
            throw new InputException("the input has more rows than fit in memory (at most " + Array.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        }

        T[] bigger = Verdict.Internal.LargeArray.Allocate<T>((int)Math.Min(size, Array.MaxLength));
        _items.AsSpan(0, Count).CopyTo(bigger);
        _items = bigger;
    }
}
