using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Verdict.Cli.Input;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Evaluation;
using Verdict.Labels;
using Verdict.Probabilistic;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Bench;

/// <summary>
/// The Verdict half of bench/compare.py: loads the raw arrays the script wrote (little-endian int32, float64 and
/// uint8 files), runs each library call <c>repeat</c> times after one warm-up, and prints one tab-separated line
/// per case: name, median ms, min ms, bytes allocated by the median run, and the result (to check against
/// scikit-learn's).
/// </summary>
internal static class CompareRunner
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: compare DIR [REPEAT] [CASE...]");
            return 2;
        }

        string dir = args[0];
        int repeat = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var only = new HashSet<string>(args.Skip(2), StringComparer.Ordinal);
        bool Wanted(string name) => only.Count == 0 || only.Contains(name);

        if (Wanted("report_k10") || Wanted("cm_k1000"))
        {
            int[] y = Ints(dir, "k10_y.i32"), pred = Ints(dir, "k10_pred.i32");
            LabelMap map10 = LabelMap.Range(10);
            if (Wanted("report_k10"))
            {
                Time("report_k10", repeat, () =>
                {
                    ClassificationReport report = ClassificationReport.For(LabelEvaluation.FromMatrix(map10, ConfusionMatrix.Compute(y, pred, 10)));
                    return report.Averages[2].FScore;
                });
            }

            if (Wanted("cm_k1000"))
            {
                int[] y1000 = Ints(dir, "k1000_y.i32"), pred1000 = Ints(dir, "k1000_pred.i32");
                Time("cm_k1000", repeat, () => ConfusionMatrix.Compute(y1000, pred1000, 1000).Trace);
            }
        }

        if (Wanted("binary_curves"))
        {
            double[] s = Doubles(dir, "bin_s.f64");
            byte[] yb = Bytes(dir, "bin_y.u8");
            Time("binary_curves", repeat, () =>
            {
                BinaryCurve curve = BinaryCurve.Compute(s, yb);
                double auc = curve.RocAuc(), ap = curve.AveragePrecision();
                RocCurve roc = curve.Roc();
                PrecisionRecallCurve pr = curve.PrecisionRecall();
                GC.KeepAlive(roc);
                GC.KeepAlive(pr);
                return auc + ap;
            });
        }

        if (Wanted("ovr_k10") || Wanted("ovo_k10") || Wanted("logloss_k10") || Wanted("top3_k10"))
        {
            int[] y = Ints(dir, "k10_y.i32");
            double[] p = Doubles(dir, "mc_p.f64");
            if (Wanted("ovr_k10"))
            {
                Time("ovr_k10", repeat, () => MulticlassAuc.OneVsRest(y, p, 10, Average.Macro));
            }

            if (Wanted("ovo_k10"))
            {
                Time("ovo_k10", repeat, () => MulticlassAuc.OneVsOne(y, p, 10, Average.Macro));
            }

            if (Wanted("logloss_k10"))
            {
                Time("logloss_k10", repeat, () => LogLoss.Multiclass(y, p, 10));
            }

            if (Wanted("top3_k10"))
            {
                Time("top3_k10", repeat, () => TopKAccuracy.Compute(y, p, 10, 3));
            }
        }

        if (Wanted("counts_1e8") && File.Exists(Path.Combine(dir, "big_y.i32")))
        {
            int[] y = Ints(dir, "big_y.i32"), pred = Ints(dir, "big_pred.i32");
            LabelMap map10 = LabelMap.Range(10);
            Time("counts_1e8", repeat, () =>
            {
                ConfusionMatrix m = ConfusionMatrix.Compute(y, pred, 10);
                ClassificationReport report = ClassificationReport.For(LabelEvaluation.FromMatrix(map10, m));
                return report.Averages[2].FScore + ConfusionScores.Accuracy(m) + ConfusionScores.BalancedAccuracy(m)
                    + ConfusionScores.MatthewsCorrelation(m) + ConfusionScores.CohenKappa(m);
            });
        }

        return 0;
    }

    /// <summary>parse FILE [REPEAT]: reads the label, predicted and score columns with the CLI's CSV reader.</summary>
    public static int Parse(string[] args)
    {
        string path = args[0];
        int repeat = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        ColumnSpec[] columns = [ColumnSpec.Label("label"), ColumnSpec.Number("p_fraud")];
        double megabytes = new FileInfo(path).Length / 1e6;
        Time("parse_csv", repeat, () => TableReader.Read(path, columns, ReadOptions.Default).Rows, megabytes);
        return 0;
    }

    private static void Time(string name, int repeat, Func<double> run, double megabytes = 0)
    {
        double value = run();
        var times = new double[repeat];
        var allocated = new long[repeat];
        for (int i = 0; i < repeat; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            value = run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            allocated[i] = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        int[] order = Enumerable.Range(0, repeat).OrderBy(i => times[i]).ToArray();
        int median = order[repeat / 2];
        string extra = megabytes > 0 ? string.Create(CultureInfo.InvariantCulture, $"\t{megabytes / (times[median] / 1000):F0} MB/s") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}\t{times[median]:F1}\t{times[order[0]]:F1}\t{allocated[median]}\t{value:R}{extra}"));
    }

    private static int[] Ints(string dir, string file)
    {
        var values = new int[Length(dir, file) / sizeof(int)];
        Fill(dir, file, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static double[] Doubles(string dir, string file)
    {
        var values = new double[Length(dir, file) / sizeof(double)];
        Fill(dir, file, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static byte[] Bytes(string dir, string file)
    {
        var values = new byte[Length(dir, file)];
        Fill(dir, file, values);
        return values;
    }

    private static long Length(string dir, string file) => new FileInfo(Path.Combine(dir, file)).Length;

    private static void Fill(string dir, string file, Span<byte> target)
    {
        using FileStream stream = File.OpenRead(Path.Combine(dir, file));
        stream.ReadExactly(target);
    }
}
