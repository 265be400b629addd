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
    private const long HugePageSize = 2 << 20;
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

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
