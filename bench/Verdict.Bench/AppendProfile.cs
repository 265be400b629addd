using System.Diagnostics;
using System.Globalization;
using Verdict.Curves;
using Verdict.Streaming;

namespace Verdict.Bench;

/// <summary>
/// <c>append [N] [RUNS]</c>: the exact curve of N binary rows three ways, alternating, RUNS times: the one-shot kernel
/// on arrays that already exist, a new <see cref="ScoreAccumulator"/> fed in batches of 65,536 then
/// <see cref="ScoreAccumulator.ToCurve"/> (append and curve timed apart, with the page faults of the append), and an
/// accumulator given the row count up front. Prints each run and the medians after dropping the first five (warm-up).
/// Linux only for the fault counts (<c>/proc/self/stat</c>); elsewhere they print as -1.
/// </summary>
internal static class AppendProfile
{
    private const int Batch = 1 << 16;

    public static int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 21;
        (double[] scores, byte[] labels) = SyntheticData.Binary(n, 3);
        int[] targets = [.. labels.Select(b => (int)b)];
        var oneShot = new List<double>();
        var append = new List<double>();
        var curve = new List<double>();
        var total = new List<double>();
        var capacity = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            double expected = BinaryCurve.Compute(scores, targets, 1).RocAuc();
            oneShot.Add(clock.Elapsed.TotalMilliseconds);

            long faults = Faults();
            clock.Restart();
            var acc = new ScoreAccumulator(1);
            Feed(acc, scores, targets);
            append.Add(clock.Elapsed.TotalMilliseconds);
            faults = Faults() - faults;
            int gen2 = GC.CollectionCount(2);
            TimeSpan paused = GC.GetTotalPauseDuration();
            clock.Restart();
            double auc = acc.ToCurve().RocAuc();
            curve.Add(clock.Elapsed.TotalMilliseconds);
            gen2 = GC.CollectionCount(2) - gen2;
            paused = GC.GetTotalPauseDuration() - paused;
            total.Add(append[^1] + curve[^1]);

            clock.Restart();
            var sized = new ScoreAccumulator(1, capacity: n);
            Feed(sized, scores, targets);
            double sizedAuc = sized.ToCurve().RocAuc();
            capacity.Add(clock.Elapsed.TotalMilliseconds);
            if (auc != expected || sizedAuc != expected)
            {
                Console.Error.WriteLine($"AUCs differ: {expected} {auc} {sizedAuc}");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {r}: one shot {oneShot[^1]:F0} ms, append {append[^1]:F0} ms ({faults} page faults), curve {curve[^1]:F0} ms ({gen2} full collections, {paused.TotalMilliseconds:F0} ms paused), capacity given {capacity[^1]:F0} ms"));
        }

        double one = Median(oneShot), both = Median(total);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median (runs 5..{runs - 1}): one shot {one:F0} ms, append {Median(append):F0} ms, curve {Median(curve):F0} ms, append + curve {both:F0} ms ({both / one:F2}), capacity given {Median(capacity):F0} ms ({Median(capacity) / one:F2}); load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        return 0;
    }

    private static void Feed(ScoreAccumulator acc, double[] scores, int[] targets)
    {
        for (int start = 0; start < scores.Length; start += Batch)
        {
            int len = Math.Min(Batch, scores.Length - start);
            acc.Add(scores.AsSpan(start, len), targets.AsSpan(start, len));
        }
    }

    private static double Median(List<double> values)
    {
        double[] kept = [.. values.Skip(Math.Min(5, values.Count - 1)).Order()];
        return kept[kept.Length / 2];
    }

    private static long Faults()
    {
        try
        {
            return long.Parse(File.ReadAllText("/proc/self/stat").Split(' ')[9], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
