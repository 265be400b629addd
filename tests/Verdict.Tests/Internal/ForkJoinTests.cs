using Verdict.Internal;

namespace Verdict.Tests.Internal;

/// <summary>The fork-join behind parallel counting: every slice runs exactly once, whoever runs it, even under contention.</summary>
public sealed class ForkJoinTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Run_ManyJobs_EverySliceRunsExactlyOnce(int callers)
    {
        // Jobs back to back keep the helpers claiming slices; with several callers at once, one gets the helpers
        // and the others run their slices themselves.
        var failures = new List<string>();
        var threads = new Thread[callers];
        for (int t = 0; t < threads.Length; t++)
        {
            int seed = t;
            threads[t] = new Thread(() =>
            {
                var rng = new Random(seed);
                for (int job = 0; job < 2_000; job++)
                {
                    var work = new CountingWork(rng.Next(1, 9), spin: rng.Next(0, 1_000));
                    ForkJoin.Run(work, work.Runs.Length);
                    if (work.Runs.Any(r => r != 1))
                    {
                        lock (failures)
                        {
                            failures.Add($"thread {seed}, job {job}: runs {string.Join(",", work.Runs)}");
                        }
                    }
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Run_SliceThrows_TheCallerGetsTheExceptionAndLaterJobsStillRun()
    {
        var ex = Assert.Throws<AggregateException>(() => ForkJoin.Run(new ThrowingWork(3), 4));
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        var work = new CountingWork(4, spin: 10);
        ForkJoin.Run(work, 4);
        Assert.All(work.Runs, r => Assert.Equal(1, r));
    }

    private sealed class CountingWork(int slices, int spin) : ISliceWork
    {
        public int[] Runs { get; } = new int[slices];

        public void Run(int slice)
        {
            Thread.SpinWait(spin);
            Interlocked.Increment(ref Runs[slice]);
        }
    }

    private sealed class ThrowingWork(int bad) : ISliceWork
    {
        public void Run(int slice)
        {
            if (slice == bad)
            {
                throw new InvalidOperationException("slice " + bad);
            }
        }
    }
}
