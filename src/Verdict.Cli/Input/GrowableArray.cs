namespace Verdict.Cli.Input;

/// <summary>An append-only buffer of unmanaged values that doubles as it grows (a minimal List without bounds checks per add).</summary>
internal sealed class GrowableArray<T>
    where T : unmanaged
{
    private T[] _items;

    /// <summary>Creates an empty buffer with room for <paramref name="capacity"/> values.</summary>
    public GrowableArray(int capacity = 1024) => _items = new T[Math.Max(capacity, 16)];

    /// <summary>How many values have been added.</summary>
    public int Count { get; private set; }

    /// <summary>The values added so far (a view over the buffer; valid until the next add).</summary>
    public Span<T> Span => _items.AsSpan(0, Count);

    /// <summary>Appends one value.</summary>
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

        return _items.AsSpan(0, Count).ToArray();
    }

    private void Grow(int needed)
    {
        long size = Math.Max((long)_items.Length * 2, needed);
        if (needed > Array.MaxLength)
        {
            throw new InputException("the input has more rows than fit in memory (at most " + Array.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        }

        Array.Resize(ref _items, (int)Math.Min(size, Array.MaxLength));
    }
}
