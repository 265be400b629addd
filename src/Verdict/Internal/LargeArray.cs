using System.Runtime.InteropServices;

namespace Verdict.Internal;

/// <summary>
/// Allocates the big arrays of a kernel (sort keys and scratch, curve arrays) uninitialised and, on Linux, asks the kernel to
/// back them with transparent huge pages. An array of 10 million doubles is 20,000 ordinary 4 KiB pages, and on
/// virtual machines the first touch of each page (a page fault) can cost as much as computing what fills
/// it; 2 MiB pages make that 40 faults. The advice only changes how memory is mapped, never its contents, and is
/// skipped silently where it is not available. The CLI's file readers use it too.
/// </summary>
internal static partial class LargeArray
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE
    private const long HugePageSize = HugePageBytes;

    /// <summary>The size of a transparent huge page (2 MiB).</summary>
    public const int HugePageBytes = 2 << 20;
    private static bool s_adviceUnavailable = !OperatingSystem.IsLinux();

    /// <summary>An uninitialised array of <paramref name="length"/> elements (pinned and huge-page advised from 2 MiB, where an aligned huge page can fit).</summary>
    public static unsafe T[] Allocate<T>(int length)
        where T : unmanaged
    {
        long bytes = (long)length * sizeof(T);
        if (bytes < HugePageSize || s_adviceUnavailable)
        {
            return GC.AllocateUninitializedArray<T>(length);
        }

        // Pinned, so the advised address range stays the array's.
        T[] array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        fixed (T* start = array)
        {
            long first = ((long)start + HugePageSize - 1) & ~(HugePageSize - 1);
            long last = ((long)start + bytes) & ~(HugePageSize - 1);
            if (last > first)
            {
                try
                {
                    _ = Madvise((nint)first, (nuint)(last - first), MadviseHugePage);
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                {
                    s_adviceUnavailable = true;
                }
            }
        }

        return array;
    }

    /// <summary>
    /// Storage for <paramref name="length"/> elements that starts on a huge-page boundary and is advised whole, from
    /// 2 MiB (a slice of a pinned array up to 4 MiB longer; the slack is never touched, so it costs address space,
    /// not memory). <see cref="Allocate{T}"/> can only advise the aligned middle of an array: its first and last
    /// partial huge pages fault in 4 KiB pages, which for storage made of many chunks (an accumulator's) is most of
    /// the page faults. Below 2 MiB, or where advice is unavailable, a plain uninitialised array.
    /// </summary>
    /// <param name="length">Elements.</param>
    /// <param name="evenIfSmall">Align and advise below 2 MiB too (the storage then takes a whole huge page).</param>
    public static unsafe ArraySegment<T> AllocateAligned<T>(int length, bool evenIfSmall = false)
        where T : unmanaged
    {
        long bytes = (long)length * sizeof(T);
        long rounded = (bytes + HugePageSize - 1) & ~(HugePageSize - 1);
        if ((bytes < HugePageSize && !(evenIfSmall && bytes > 0)) || s_adviceUnavailable || (rounded + HugePageSize) / sizeof(T) > Array.MaxLength)
        {
            return new ArraySegment<T>(Allocate<T>(length));
        }

        T[] array = GC.AllocateUninitializedArray<T>((int)((rounded + HugePageSize) / sizeof(T)), pinned: true);
        fixed (T* start = array)
        {
            long first = ((long)start + HugePageSize - 1) & ~(HugePageSize - 1);
            try
            {
                _ = Madvise((nint)first, (nuint)rounded, MadviseHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_adviceUnavailable = true;
            }

            return new ArraySegment<T>(array, (int)((first - (long)start) / sizeof(T)), length);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
