using System.Diagnostics;

namespace Verdict.Internal;

/// <summary>One slice of a job that <see cref="ForkJoin"/> splits over cores.</summary>
internal interface ISliceWork
{
    /// <summary>Runs slice <paramref name="slice"/>; slices run once each, on any thread, in any order.</summary>
    void Run(int slice);
}

/// <summary>
/// Fork-join for jobs of tens of microseconds per slice, where handing a slice to the thread pool and waiting for it
/// (as <c>Parallel.For</c> does) costs about as much as the slice itself and, when the pool thread has gone to sleep,
/// more. The caller runs slices itself; helper work items on the thread pool claim slices too, and after a job they
/// spin for a short while (<see cref="HelperLingerMicroseconds"/>) waiting for the next one, so a stream of batches
/// keeps its helpers awake and hands over a slice with one shared-counter update. A slice is claimed by whichever
/// thread gets to it first, so a helper that is late (its core busy elsewhere) costs nothing: the caller does the
/// work. One job runs at a time; a second caller meanwhile runs its slices itself. Allocates nothing per job.
/// </summary>
internal static class ForkJoin
{
    /// <summary>How long a helper waits for the next job before returning its thread to the pool.</summary>
    internal const int HelperLingerMicroseconds = 50;
    private static readonly Helper HelperItem = new();
    private static readonly long LingerTicks = Math.Max(1, Stopwatch.Frequency * HelperLingerMicroseconds / 1_000_000);

    // Generation of the current job in the high 32 bits, next unclaimed slice in the low 32 bits: a claim is one
    // compare-and-swap that fails if the job has changed.
    private static long s_state;
    private static ISliceWork? s_work;
    private static int s_slices;
    private static int s_done;
    private static int s_busy;
    private static int s_helpers;
    private static Exception? s_error;

    /// <summary>Runs <paramref name="slices"/> slices of <paramref name="work"/>, using up to <paramref name="slices"/> − 1 helpers; returns when every slice has run.</summary>
    public static void Run(ISliceWork work, int slices)
    {
        if (slices <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int i = 0; i < slices; i++)
            {
                work.Run(i);
            }

            return;
        }

        Exception? error;
        try
        {
            s_work = work;
            s_slices = slices;
            s_done = 0;
            s_error = null;
            long generation = (Volatile.Read(ref s_state) >> 32) + 1;
            Interlocked.Exchange(ref s_state, generation << 32);
            int wanted = slices - 1;
            for (int helpers = Volatile.Read(ref s_helpers); helpers < wanted; helpers = Volatile.Read(ref s_helpers))
            {
                if (Interlocked.CompareExchange(ref s_helpers, helpers + 1, helpers) == helpers)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(HelperItem, preferLocal: false);
                }
            }

            Claim(generation);
            var spin = default(SpinWait);
            while (Volatile.Read(ref s_done) < slices)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            error = s_error;
        }
        finally
        {
            s_work = null;
            Volatile.Write(ref s_busy, 0);
        }

        if (error is not null)
        {
            throw new AggregateException(error);
        }
    }

    /// <summary>Claims and runs slices of job <paramref name="generation"/> until none is left (or the job has changed).</summary>
    private static void Claim(long generation)
    {
        while (true)
        {
            long state = Volatile.Read(ref s_state);
            int next = (int)(state & 0xFFFF_FFFF);
            if ((state >> 32) != generation || next >= Volatile.Read(ref s_slices))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref s_state, state + 1, state) != state)
            {
                continue;
            }

            // The job cannot end before this slice is done, so its work is still the one published.
            try
            {
                s_work!.Run(next);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_error, e, null);
            }

            Interlocked.Increment(ref s_done);
        }
    }

    /// <summary>A thread-pool work item that claims slices of each new job until none arrives for a short while.</summary>
    private sealed class Helper : IThreadPoolWorkItem
    {
        public void Execute()
        {
            long seen = 0, idleSince = Stopwatch.GetTimestamp();
            while (true)
            {
                long generation = Volatile.Read(ref s_state) >> 32;
                if (generation != seen)
                {
                    seen = generation;
                    Claim(generation);
                    idleSince = Stopwatch.GetTimestamp();
                    continue;
                }

                if (Stopwatch.GetTimestamp() - idleSince > LingerTicks)
                {
                    Interlocked.Decrement(ref s_helpers);
                    return;
                }

                Thread.SpinWait(20);
            }
        }
    }
}
