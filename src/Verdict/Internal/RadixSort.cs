using System.Numerics;
using System.Runtime.CompilerServices;

namespace Verdict.Internal;

/// <summary>
/// Stable radix sort of 64-bit keys, optionally carrying a double payload. Large ranges take one most-significant
/// digit pass (11 bits just below the highest bit that differs between the keys), which leaves buckets small
/// enough for the cache; each bucket is then sorted least-significant digit first over its remaining bits, skipping
/// digits that are the same for every key of the bucket. The first pass splits over threads (each thread scatters
/// its own chunk with its own offsets, so the order stays stable), and buckets are shared out among the threads.
/// Scores become keys with <see cref="Key"/>, whose unsigned order is the numeric order of the doubles.
/// </summary>
internal static class RadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Mask = Buckets - 1;
    private const int MaxPasses = 6;
    private const ulong SignBit = 0x8000_0000_0000_0000UL;
    private const int SmallSort = 256;
    private const int SmallKeySort = 2048;
    private const int InCache = 1 << 16;
    private const int ParallelThreshold = 1 << 18;

    /// <summary>
    /// The sort key of a finite double: unsigned order equals numeric order, and −0.0 and +0.0 share the key of +0.0
    /// (they are the same threshold). Never 0 for a finite value, so 0 can mark "no key".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value + 0.0);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    /// <summary>The double of a key made by <see cref="Key"/> (+0.0 for either zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Value(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending using <paramref name="scratch"/> (same length) and returns whichever
    /// of the two holds the result.
    /// </summary>
    public static Span<ulong> Sort(Span<ulong> keys, Span<ulong> scratch, bool parallel = true) =>
        Sort(keys, scratch, Span<double>.Empty, Span<double>.Empty, out _, parallel);

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending, stably, moving <paramref name="values"/> (same length, or empty) with
    /// them. <paramref name="parallel"/> false keeps it on the calling thread. Returns the span holding the sorted
    /// keys; <paramref name="sortedValues"/> is the matching payload span.
    /// </summary>
    public static unsafe Span<ulong> Sort(Span<ulong> keys, Span<ulong> scratch, Span<double> values, Span<double> valueScratch,
                                          out Span<double> sortedValues, bool parallel = true)
    {
        int n = keys.Length;
        bool carry = !values.IsEmpty;
        sortedValues = values;
        if (n <= 1)
        {
            return keys;
        }

        int threads = parallel && n >= ParallelThreshold ? Math.Min(Environment.ProcessorCount, 8) : 1;
        bool inScratch;
        fixed (ulong* a = keys, b = scratch)
        fixed (double* av = values, bv = valueScratch)
        {
            inScratch = SortRange(a, b, av, bv, carry, n, 64, threads);
        }

        if (inScratch)
        {
            sortedValues = valueScratch[..(carry ? n : 0)];
            return scratch[..n];
        }

        return keys;
    }

    /// <summary>
    /// Sorts <c>a[0, n)</c> on its low <paramref name="bits"/> bits (the higher bits are equal within the range), with
    /// <c>b</c> as scratch. Returns true when the result is in <c>b</c>.
    /// </summary>
    private static unsafe bool SortRange(ulong* a, ulong* b, double* av, double* bv, bool carry, int n, int bits, int threads)
    {
        if (n <= (carry ? SmallSort : SmallKeySort))
        {
            if (carry)
            {
                InsertionSort(a, av, n);
            }
            else
            {
                new Span<ulong>(a, n).Sort();
            }

            return false;
        }

        ulong or = 0, and = ulong.MaxValue;
        for (int i = 0; i < n; i++)
        {
            or |= a[i];
            and &= a[i];
        }

        ulong differ = (or ^ and) & (bits == 64 ? ulong.MaxValue : (1UL << bits) - 1);
        if (differ == 0)
        {
            return false;
        }

        int top = 64 - BitOperations.LeadingZeroCount(differ);
        if (n <= InCache || top <= 2 * Bits)
        {
            return LeastSignificantFirst(a, b, av, bv, carry, n, top);
        }

        // One most-significant digit pass into b, then every bucket sorted within b (a is its scratch). The digit
        // takes one or two extra bits when that saves a least-significant pass in every bucket (probabilities: 56
        // varying bits = 12 + 4 × 11).
        int msdBits = Bits, left = (top - Bits) % Bits;
        if (left == 1)
        {
            msdBits += left;
        }

        int shift = top - msdBits, buckets = 1 << msdBits, mask = buckets - 1;
        int[] offsets = new int[threads * buckets];
        int[] starts = new int[buckets + 1];
        if (threads == 1)
        {
            fixed (int* o = offsets)
            {
                for (int i = 0; i < n; i++)
                {
                    o[(int)(a[i] >> shift) & mask]++;
                }

                int running = 0;
                for (int d = 0; d < buckets; d++)
                {
                    starts[d] = running;
                    int count = o[d];
                    o[d] = running;
                    running += count;
                }

                starts[buckets] = n;
            }

            Scatter(a, b, av, bv, carry, 0, n, shift, mask, offsets, 0);
        }
        else
        {
            Parallel.For(0, threads, t =>
            {
                fixed (int* o = &offsets[t * buckets])
                {
                    for (int i = Start(n, threads, t), end = Start(n, threads, t + 1); i < end; i++)
                    {
                        o[(int)(a[i] >> shift) & mask]++;
                    }
                }
            });
            int running = 0;
            for (int d = 0; d < buckets; d++)
            {
                starts[d] = running;
                for (int t = 0; t < threads; t++)
                {
                    int count = offsets[(t * buckets) + d];
                    offsets[(t * buckets) + d] = running;
                    running += count;
                }
            }

            starts[buckets] = n;
            Parallel.For(0, threads, t => Scatter(a, b, av, bv, carry, Start(n, threads, t), Start(n, threads, t + 1), shift, mask, offsets, t * buckets));
        }

        if (threads == 1)
        {
            for (int d = 0; d < buckets; d++)
            {
                SortBucket(a, b, av, bv, carry, starts[d], starts[d + 1] - starts[d], shift);
            }
        }
        else
        {
            int next = -1;
            Parallel.For(0, threads, _ =>
            {
                int d;
                while ((d = Interlocked.Increment(ref next)) < buckets)
                {
                    SortBucket(a, b, av, bv, carry, starts[d], starts[d + 1] - starts[d], shift);
                }
            });
        }

        return true;
    }

    /// <summary>Sorts bucket [start, start + n) of b on its low <paramref name="bits"/> bits, leaving the result in b.</summary>
    private static unsafe void SortBucket(ulong* a, ulong* b, double* av, double* bv, bool carry, int start, int n, int bits)
    {
        if (n <= 1)
        {
            return;
        }

        if (SortRange(b + start, a + start, carry ? bv + start : null, carry ? av + start : null, carry, n, bits, 1))
        {
            new Span<ulong>(a + start, n).CopyTo(new Span<ulong>(b + start, n));
            if (carry)
            {
                new Span<double>(av + start, n).CopyTo(new Span<double>(bv + start, n));
            }
        }
    }

    /// <summary>Least-significant digit first over bits [0, top), skipping digits equal for every key. True when the result is in b.</summary>
    private static unsafe bool LeastSignificantFirst(ulong* a, ulong* b, double* av, double* bv, bool carry, int n, int top)
    {
        int passes = (top + Bits - 1) / Bits;
        int* histogram = stackalloc int[MaxPasses * Buckets];
        new Span<int>(histogram, passes * Buckets).Clear();
        for (int i = 0; i < n; i++)
        {
            ulong key = a[i];
            for (int p = 0; p < passes; p++)
            {
                histogram[(p * Buckets) + ((int)(key >> (p * Bits)) & Mask)]++;
            }
        }

        int[] offsets = new int[Buckets];
        bool inB = false;
        ulong* src = a, dst = b;
        double* vsrc = av, vdst = bv;
        for (int p = 0; p < passes; p++)
        {
            int* h = histogram + (p * Buckets);
            int running = 0;
            bool trivial = false;
            for (int d = 0; d < Buckets; d++)
            {
                if (h[d] == n)
                {
                    trivial = true;
                    break;
                }

                offsets[d] = running;
                running += h[d];
            }

            if (trivial)
            {
                continue;
            }

            Scatter(src, dst, vsrc, vdst, carry, 0, n, p * Bits, Mask, offsets, 0);
            ulong* swap = src;
            src = dst;
            dst = swap;
            double* vswap = vsrc;
            vsrc = vdst;
            vdst = vswap;
            inB = !inB;
        }

        return inB;
    }

    private static int Start(int n, int parts, int part) => (int)((long)n * part / parts);

    private static unsafe void Scatter(ulong* src, ulong* dst, double* vsrc, double* vdst, bool carry, int start, int end, int shift,
                                       int mask, int[] offsets, int offsetBase)
    {
        fixed (int* o = &offsets[offsetBase])
        {
            if (carry)
            {
                for (int i = start; i < end; i++)
                {
                    ulong key = src[i];
                    int at = o[(int)(key >> shift) & mask]++;
                    dst[at] = key;
                    vdst[at] = vsrc[i];
                }
            }
            else
            {
                int i = start;
                for (; i + 4 <= end; i += 4)
                {
                    ulong k0 = src[i], k1 = src[i + 1], k2 = src[i + 2], k3 = src[i + 3];
                    dst[o[(int)(k0 >> shift) & mask]++] = k0;
                    dst[o[(int)(k1 >> shift) & mask]++] = k1;
                    dst[o[(int)(k2 >> shift) & mask]++] = k2;
                    dst[o[(int)(k3 >> shift) & mask]++] = k3;
                }

                for (; i < end; i++)
                {
                    ulong key = src[i];
                    dst[o[(int)(key >> shift) & mask]++] = key;
                }
            }
        }
    }

    private static unsafe void InsertionSort(ulong* keys, double* values, int n)
    {
        for (int i = 1; i < n; i++)
        {
            ulong key = keys[i];
            double value = values[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }

            keys[j + 1] = key;
            values[j + 1] = value;
        }
    }
}
