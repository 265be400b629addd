namespace Verdict.Internal;

/// <summary>An append-only buffer that doubles when full: amortised O(1) appends, no per-row allocation.</summary>
internal sealed class Growable<T>
    where T : struct
{
    private T[] _items;

    public Growable(int capacity = 1024) => _items = new T[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    public void Append(ReadOnlySpan<T> values)
    {
        if (Count + values.Length > _items.Length)
        {
            long wanted = Math.Max((long)_items.Length * 2, (long)Count + values.Length);
            Array.Resize(ref _items, (int)Math.Min(wanted, Array.MaxLength));
        }

        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }

    public void Clear() => Count = 0;

    public T[] ToArray() => Span.ToArray();
}
