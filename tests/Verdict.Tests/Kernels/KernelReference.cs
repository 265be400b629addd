namespace Verdict.Tests.Kernels;

/// <summary>
/// Simple, obviously correct implementations the fast kernels are compared with, and generators of awkward inputs
/// (ties, −0.0, subnormals, huge and negative values, zero weights).
/// </summary>
internal static class KernelReference
{
    /// <summary>
    /// scikit-learn's <c>_binary_clf_curve</c>: rows of weight 0 dropped, rows ordered by score descending and, within a
    /// tie, by row index descending (a stable ascending sort reversed), running sums emitted at each distinct score.
    /// </summary>
    public static (double[] Thresholds, double[] Tps, double[] Fps) Curve(double[] scores, bool[] positive, double[]? weights = null)
    {
        var rows = new List<int>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (weights is null || weights[i] != 0)
            {
                rows.Add(i);
            }
        }

        int[] order = [.. rows];
        Array.Sort(order, (a, b) =>
        {
            int c = scores[b].CompareTo(scores[a]);
            return c != 0 ? c : b.CompareTo(a);
        });
        var thr = new List<double>();
        var tps = new List<double>();
        var fps = new List<double>();
        double tp = 0, fp = 0;
        for (int i = 0; i < order.Length; i++)
        {
            int r = order[i];
            double w = weights is null ? 1.0 : weights[r];
            if (positive[r])
            {
                tp += w;
            }
            else
            {
                fp += w;
            }

            if (i == order.Length - 1 || scores[order[i + 1]] != scores[r])
            {
                thr.Add(scores[r]);
                tps.Add(tp);
                fps.Add(fp);
            }
        }

        return ([.. thr], [.. tps], [.. fps]);
    }

    /// <summary>Trapezoidal ROC AUC over a reference curve (NaN when a class is missing).</summary>
    public static double Auc(double[] tps, double[] fps)
    {
        double p = tps.Length == 0 ? 0 : tps[^1], n = fps.Length == 0 ? 0 : fps[^1];
        if (!(p > 0) || !(n > 0))
        {
            return double.NaN;
        }

        double area = 0, x0 = 0, y0 = 0;
        for (int i = 0; i < tps.Length; i++)
        {
            double x1 = fps[i] / n, y1 = tps[i] / p;
            area += (x1 - x0) * (y1 + y0) / 2.0;
            x0 = x1;
            y0 = y1;
        }

        return area;
    }

    /// <summary>Finite doubles of every awkward kind: ties (few distinct values), ±0, subnormals, extremes, negatives.</summary>
    public static double[] Scores(Random rng, int n, int kind)
    {
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            s[i] = kind switch
            {
                0 => rng.NextDouble(),
                1 => rng.Next(5) / 4.0,
                2 => rng.Next(8) switch
                {
                    0 => -0.0,
                    1 => 0.0,
                    2 => double.Epsilon * rng.Next(1, 4),
                    3 => -double.Epsilon * rng.Next(1, 4),
                    4 => double.MaxValue / rng.Next(1, 3),
                    5 => -double.MaxValue / rng.Next(1, 3),
                    6 => -rng.NextDouble() * 1e-300,
                    _ => (rng.NextDouble() - 0.5) * 1e10,
                },
                _ => RandomFinite(rng),
            };
        }

        return s;
    }

    /// <summary>Weights with zeros, ties and a wide range.</summary>
    public static double[] Weights(Random rng, int n)
    {
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = rng.Next(6) switch
            {
                0 => 0.0,
                1 => 1.0,
                2 => rng.NextDouble() * 1e-3,
                _ => rng.NextDouble() * 10,
            };
        }

        return w;
    }

    /// <summary>Random probability rows (each sums to 1 within 1e-15), with ties in some rows.</summary>
    public static double[] Probabilities(Random rng, int rows, int k)
    {
        var p = new double[rows * k];
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            bool ties = rng.Next(4) == 0;
            for (int c = 0; c < k; c++)
            {
                double v = ties ? rng.Next(3) + 1 : rng.NextDouble() + 1e-3;
                p[(r * k) + c] = v;
                sum += v;
            }

            for (int c = 0; c < k; c++)
            {
                p[(r * k) + c] /= sum;
            }
        }

        return p;
    }

    private static double RandomFinite(Random rng)
    {
        while (true)
        {
            double d = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (double.IsFinite(d))
            {
                return d;
            }
        }
    }
}
