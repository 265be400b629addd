using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Verdict.Cli.Input;

/// <summary>
/// Interns labels straight from their UTF-8 bytes: each distinct byte string gets the next code
/// (first-seen order), with no string per row. An open-addressing hash table over one byte arena.
/// Mutable and not thread-safe; each parsing thread owns its own.
/// </summary>
internal sealed class ByteInterner
{
    private byte[] _arena = new byte[1024];
    private int _arenaUsed;
    private int[] _offsets = new int[16];
    private int[] _lengths = new int[16];
    private uint[] _hashes = new uint[16];
    private int[] _buckets = new int[32]; // code + 1; 0 = empty
    private int _lastCode = -1;

    // Keys of at most 7 bytes packed with their length, for the first few codes: most label columns have a
    // handful of short labels, found by a short scan without hashing.
    private const int SmallCapacity = 8;
    private readonly ulong[] _smallKeys = new ulong[SmallCapacity];
    private readonly int[] _smallCodes = new int[SmallCapacity];
    private int _smallCount;

    /// <summary>How many distinct byte strings have been interned.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes interned under <paramref name="code"/>.</summary>
    public ReadOnlySpan<byte> this[int code] => _arena.AsSpan(_offsets[code], _lengths[code]);

    /// <summary>The code of <paramref name="key"/>, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> key)
    {
        // Labels usually repeat: check the previous hit before hashing.
        int last = _lastCode;
        if (last >= 0 && _lengths[last] == key.Length && _arena.AsSpan(_offsets[last], key.Length).SequenceEqual(key))
        {
            return last;
        }

        ulong packed = 0;
        if (key.Length <= 7)
        {
            packed = Pack(key);
            for (int s = 0; s < _smallCount; s++)
            {
                if (_smallKeys[s] == packed)
                {
                    return _lastCode = _smallCodes[s];
                }
            }
        }

        uint hash = Hash(key);
        int mask = _buckets.Length - 1;
        int i = (int)hash & mask;
        while (true)
        {
            int entry = _buckets[i];
            if (entry == 0)
            {
                break;
            }

            int code = entry - 1;
            if (_hashes[code] == hash && _lengths[code] == key.Length && _arena.AsSpan(_offsets[code], key.Length).SequenceEqual(key))
            {
                _lastCode = code;
                return code;
            }

            i = (i + 1) & mask;
        }

        int added = Add(key, hash);
        _buckets[i] = added + 1;
        if (key.Length <= 7 && _smallCount < SmallCapacity)
        {
            _smallKeys[_smallCount] = packed;
            _smallCodes[_smallCount++] = added;
        }

        if (Count * 2 > _buckets.Length)
        {
            Rehash();
        }

        _lastCode = added;
        return added;
    }

    /// <summary>Forgets every entry (keeps the allocated space).</summary>
    public void Clear()
    {
        Array.Clear(_buckets);
        _arenaUsed = 0;
        Count = 0;
        _lastCode = -1;
        _smallCount = 0;
    }

    /// <summary>The interned values decoded from UTF-8, in code order.</summary>
    public string[] ToStrings()
    {
        var result = new string[Count];
        for (int c = 0; c < Count; c++)
        {
            result[c] = Encoding.UTF8.GetString(this[c]);
        }

        return result;
    }

    private int Add(ReadOnlySpan<byte> key, uint hash)
    {
        int code = Count;
        if (code == _offsets.Length)
        {
            int n = code * 2;
            Array.Resize(ref _offsets, n);
            Array.Resize(ref _lengths, n);
            Array.Resize(ref _hashes, n);
        }

        if (_arenaUsed + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max((long)_arena.Length * 2, (long)_arenaUsed + key.Length)));
        }

        key.CopyTo(_arena.AsSpan(_arenaUsed));
        _offsets[code] = _arenaUsed;
        _lengths[code] = key.Length;
        _hashes[code] = hash;
        _arenaUsed += key.Length;
        Count = code + 1;
        return code;
    }

    private void Rehash()
    {
        var buckets = new int[_buckets.Length * 2];
        int mask = buckets.Length - 1;
        for (int code = 0; code < Count; code++)
        {
            int i = (int)_hashes[code] & mask;
            while (buckets[i] != 0)
            {
                i = (i + 1) & mask;
            }

            buckets[i] = code + 1;
        }

        _buckets = buckets;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(ReadOnlySpan<byte> key)
    {
        ulong packed = (ulong)(key.Length + 1) << 56;
        for (int j = 0; j < key.Length; j++)
        {
            packed |= (ulong)key[j] << (8 * j);
        }

        return packed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> key)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)key.Length;
        int i = 0;
        for (; i + 8 <= key.Length; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 29;
        }

        if (i < key.Length)
        {
            ulong tail = 0;
            for (int j = key.Length - 1; j >= i; j--)
            {
                tail = (tail << 8) | key[j];
            }

            h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return (uint)h;
    }
}
