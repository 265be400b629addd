using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Bench;

/// <summary>
/// profile DIR: a breakdown by phase (Stopwatch) of the binary curve path and of a bare radix sort, on the arrays
/// bench/compare.py wrote; the evidence RESULTS.md cites where a target is missed.
/// </summary>
internal static class Profile
{
    public static int Run(string[] args)
    {
        string dir = args[0];
        int repeat = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        double[] s = Read<double>(Path.Combine(dir, "bin_s.f64"));
        byte[] y = Read<byte>(Path.Combine(dir, "bin_y.u8"));
        int n = s.Length;
        var phases = new Dictionary<string, List<double>>();
        void Add(string name, long start) =>
            (phases.TryGetValue(name, out List<double>? list) ? list : phases[name] = []).Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

        for (int r = 0; r <= repeat; r++)
        {
            GC.Collect();
            long t = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(s[i]))
                {
                    throw new InvalidOperationException();
                }
            }

            Add("validate (finite scores)", t);
            var sorter = new CurveSorter();
            t = Stopwatch.GetTimestamp();
            sorter.Split(s, y);
            Add("split into positive / negative keys", t);
            t = Stopwatch.GetTimestamp();
            sorter.Sort();
            Add("radix sort (both sides)", t);
            t = Stopwatch.GetTimestamp();
            var counter = new CountSink();
            sorter.EmitAgain(ref counter);
            Add("merge walk, counting thresholds", t);
            t = Stopwatch.GetTimestamp();
            double[] thr = GC.AllocateUninitializedArray<double>(counter.Count), tp = GC.AllocateUninitializedArray<double>(counter.Count),
                     fp = GC.AllocateUninitializedArray<double>(counter.Count);
            var sink = new ArraySink(thr, tp, fp);
            sorter.EmitAgain(ref sink);
            Add("merge walk, filling the curve arrays", t);
            t = Stopwatch.GetTimestamp();
            BinaryCurve curve = BinaryCurve.Compute(s, y);
            Add("BinaryCurve.Compute (all of the above)", t);
            t = Stopwatch.GetTimestamp();
            double auc = curve.RocAuc() + curve.AveragePrecision();
            Add("ROC AUC + AP folds", t);
            t = Stopwatch.GetTimestamp();
            RocCurve roc = curve.Roc();
            Add("Roc() (drop intermediate)", t);
            t = Stopwatch.GetTimestamp();
            PrecisionRecallCurve pr = curve.PrecisionRecall();
            Add("PrecisionRecall()", t);
            GC.KeepAlive(roc);
            GC.KeepAlive(pr);
            GC.KeepAlive(auc);

            ulong[] keys = new ulong[n], scratch = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                keys[i] = RadixSort.Key(s[i]);
            }

            t = Stopwatch.GetTimestamp();
            RadixSort.Sort(keys, scratch, parallel: false);
            Add($"bare radix sort of {n:N0} keys, 1 thread", t);
            for (int i = 0; i < n; i++)
            {
                keys[i] = RadixSort.Key(s[i]);
            }

            t = Stopwatch.GetTimestamp();
            RadixSort.Sort(keys, scratch, parallel: true);
            Add($"bare radix sort of {n:N0} keys, parallel", t);
            t = Stopwatch.GetTimestamp();
            double[] fresh = LargeArray.Allocate<double>(n);
            Array.Fill(fresh, 1.0);
            Add("allocate and touch 80 MB, huge-page advised", t);
            t = Stopwatch.GetTimestamp();
            double[] plain = GC.AllocateUninitializedArray<double>(n);
            Array.Fill(plain, 1.0);
            Add("allocate and touch 80 MB, plain", t);
            t = Stopwatch.GetTimestamp();
            Array.Fill(plain, 2.0);
            Add("touch 80 MB again (no page faults)", t);
            GC.KeepAlive(fresh);
            double[] copy = (double[])s.Clone();
            t = Stopwatch.GetTimestamp();
            Array.Sort(copy);
            Add($"Array.Sort of {n:N0} doubles (for scale)", t);
        }

        int[] labels = Read<int>(Path.Combine(dir, "k10_y.i32"));
        double[] probabilities = Read<double>(Path.Combine(dir, "mc_p.f64"));
        var one = new CurveSorter { Parallel = false };
        for (int r = 0; r <= repeat; r++)
        {
            long t = Stopwatch.GetTimestamp();
            one.SplitColumn(probabilities, 10, r % 10, labels);
            Add("OvR, one class: split column (strided read)", t);
            t = Stopwatch.GetTimestamp();
            one.Sort();
            Add("OvR, one class: sort, 1 thread", t);
            t = Stopwatch.GetTimestamp();
            var auc = new AucSink(one.PositiveRows, one.NegativeRows);
            one.EmitAgain(ref auc);
            Add("OvR, one class: merge walk folding AUC", t);
        }

        foreach ((string name, List<double> times) in phases)
        {
            times.RemoveAt(0);
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{times[times.Count / 2]:F1} ms (min {times[0]:F1})"));
        }

        return 0;
    }

    private static T[] Read<T>(string path)
        where T : struct
    {
        byte[] bytes = File.ReadAllBytes(path);
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
