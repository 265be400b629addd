using System.Runtime.CompilerServices;

namespace Verdict.Internal;

/// <summary>
/// Stable least-significant-digit radix sort of 64-bit keys (11-bit digits, six passes), optionally carrying a
/// double payload. One read builds every digit's histogram; a pass whose digit is the same for every key is
/// skipped. Large inputs split each pass over threads (each thread scatters its own chunk with its own offsets, so
/// the result is the same stable order). Scores become keys with <see cref="Key"/>, whose unsigned order is the
/// numeric order of the doubles.
/// </summary>
internal static class RadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Passes = 6;
    private const int Mask = Buckets - 1;
    private const ulong SignBit = 0x8000_0000_0000_0000UL;
    private const int SmallSort = 256;
    private const int SmallKeySort = 2048;
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
    /// them. <paramref name="parallel"/> false keeps it on the calling thread. Returns the span holding the sorted keys; <paramref name="sortedValues"/> is the matching payload span.
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

        if (!carry && n <= SmallKeySort)
        {
            keys.Sort();
            return keys;
        }

        if (carry && n <= SmallSort)
        {
            InsertionSort(keys, values, carry);
            return keys;
        }

        int threads = parallel && n >= ParallelThreshold ? Math.Min(Environment.ProcessorCount, 8) : 1;
        int[] histogram = new int[threads * Passes * Buckets];
        fixed (ulong* k0 = keys)
        {
            ulong* k = k0;
            if (threads == 1)
            {
                Histogram(k, 0, n, histogram, 0);
            }
            else
            {
                Parallel.For(0, threads, t => Histogram(k, Start(n, threads, t), Start(n, threads, t + 1), histogram, t * Passes * Buckets));
            }
        }

        var offsets = new int[threads * Buckets];
        Span<ulong> src = keys, dst = scratch;
        Span<double> vsrc = values, vdst = valueScratch;
        for (int pass = 0; pass < Passes; pass++)
        {
            int shift = pass * Bits;
            if (Trivial(histogram, threads, pass, n))
            {
                continue;
            }

            // Offsets: bucket by bucket, thread by thread (thread t's keys of a bucket follow thread t-1's).
            int running = 0;
            for (int b = 0; b < Buckets; b++)
            {
                for (int t = 0; t < threads; t++)
                {
                    offsets[(t * Buckets) + b] = running;
                    running += histogram[(((t * Passes) + pass) * Buckets) + b];
                }
            }

            fixed (ulong* s0 = src, d0 = dst)
            fixed (double* vs0 = vsrc, vd0 = vdst)
            {
                ulong* s = s0, d = d0;
                double* vs = vs0, vd = vd0;
                if (threads == 1)
                {
                    Scatter(s, d, vs, vd, carry, 0, n, shift, offsets, 0);
                }
                else
                {
                    // The histograms of later passes were taken over the original chunks; after a scatter the chunks
                    // hold other keys, so each thread recounts its chunk of the output for the next pass.
                    Parallel.For(0, threads, t => Scatter(s, d, vs, vd, carry, Start(n, threads, t), Start(n, threads, t + 1),
                                                           shift, offsets, t * Buckets));
                    int next = NextNonTrivial(histogram, threads, pass, n);
                    if (next >= 0)
                    {
                        Parallel.For(0, threads, t => Recount(d, Start(n, threads, t), Start(n, threads, t + 1), next, histogram,
                                                               t * Passes * Buckets));
                    }
                }
            }

            Span<ulong> swap = src;
            src = dst;
            dst = swap;
            Span<double> vswap = vsrc;
            vsrc = vdst;
            vdst = vswap;
        }

        sortedValues = vsrc;
        return src;
    }

    private static int Start(int n, int parts, int part) => (int)((long)n * part / parts);

    private static bool Trivial(int[] histogram, int threads, int pass, int n)
    {
        // A digit is trivial when one bucket holds every key (summed over the threads' chunks).
        for (int b = 0; b < Buckets; b++)
        {
            int total = 0;
            for (int t = 0; t < threads; t++)
            {
                total += histogram[(((t * Passes) + pass) * Buckets) + b];
            }

            if (total != 0)
            {
                return total == n;
            }
        }

        return true;
    }

    private static int NextNonTrivial(int[] histogram, int threads, int pass, int n)
    {
        for (int p = pass + 1; p < Passes; p++)
        {
            if (!Trivial(histogram, threads, p, n))
            {
                return p;
            }
        }

        return -1;
    }

    private static unsafe void Histogram(ulong* keys, int start, int end, int[] histogram, int baseIndex)
    {
        fixed (int* h0 = &histogram[baseIndex])
        {
            int* h1 = h0 + Buckets, h2 = h1 + Buckets, h3 = h2 + Buckets, h4 = h3 + Buckets, h5 = h4 + Buckets;
            for (int i = start; i < end; i++)
            {
                ulong key = keys[i];
                h0[(int)key & Mask]++;
                h1[(int)(key >> Bits) & Mask]++;
                h2[(int)(key >> (2 * Bits)) & Mask]++;
                h3[(int)(key >> (3 * Bits)) & Mask]++;
                h4[(int)(key >> (4 * Bits)) & Mask]++;
                h5[(int)(key >> (5 * Bits))]++;
            }
        }
    }

    private static unsafe void Recount(ulong* keys, int start, int end, int pass, int[] histogram, int baseIndex)
    {
        fixed (int* h0 = &histogram[baseIndex + (pass * Buckets)])
        {
            new Span<int>(h0, Buckets).Clear();
            int shift = pass * Bits;
            for (int i = start; i < end; i++)
            {
                h0[(int)(keys[i] >> shift) & Mask]++;
            }
        }
    }

    private static unsafe void Scatter(ulong* src, ulong* dst, double* vsrc, double* vdst, bool carry, int start, int end, int shift,
                                       int[] offsets, int offsetBase)
    {
        fixed (int* o = &offsets[offsetBase])
        {
            if (carry)
            {
                for (int i = start; i < end; i++)
                {
                    ulong key = src[i];
                    int at = o[(int)(key >> shift) & Mask]++;
                    dst[at] = key;
                    vdst[at] = vsrc[i];
                }
            }
            else
            {
                int i = start;
                for (; i + 4 <= end; i += 4)
                {
                    ulong a = src[i], b = src[i + 1], c = src[i + 2], e = src[i + 3];
                    dst[o[(int)(a >> shift) & Mask]++] = a;
                    dst[o[(int)(b >> shift) & Mask]++] = b;
                    dst[o[(int)(c >> shift) & Mask]++] = c;
                    dst[o[(int)(e >> shift) & Mask]++] = e;
                }

                for (; i < end; i++)
                {
                    ulong key = src[i];
                    dst[o[(int)(key >> shift) & Mask]++] = key;
                }
            }
        }
    }

    private static void InsertionSort(Span<ulong> keys, Span<double> values, bool carry)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            ulong key = keys[i];
            double value = carry ? values[i] : 0;
            int j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                if (carry)
                {
                    values[j + 1] = values[j];
                }

                j--;
            }

            keys[j + 1] = key;
            if (carry)
            {
                values[j + 1] = value;
            }
        }
    }
}
