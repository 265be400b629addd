namespace Verdict.Bench;

/// <summary>
/// Seeded synthetic classifier outputs, the same shapes bench/compare.py generates: labels uniform over K,
/// predictions right 70 % of the time, binary scores a logistic of a shifted normal (10 % positives, nearly all
/// distinct), multiclass probabilities a softmax of normal logits with the true class boosted.
/// </summary>
public static class SyntheticData
{
    public static int[] Labels(int n, int k, int seed)
    {
        var rng = new Random(seed);
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.Next(k);
        }

        return y;
    }

    public static int[] Predictions(int[] actual, int k, int seed)
    {
        var rng = new Random(seed);
        var p = new int[actual.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = rng.NextDouble() < 0.7 ? actual[i] : rng.Next(k);
        }

        return p;
    }

    public static (double[] Scores, byte[] Labels) Binary(int n, int seed)
    {
        var rng = new Random(seed);
        var s = new double[n];
        var y = new byte[n];
        for (int i = 0; i < n; i++)
        {
            bool positive = rng.NextDouble() < 0.1;
            y[i] = positive ? (byte)1 : (byte)0;
            double z = Normal(rng) + (positive ? 1.5 : 0.0) - 1.0;
            s[i] = 1.0 / (1.0 + Math.Exp(-z));
        }

        return (s, y);
    }

    public static double[] Probabilities(int[] actual, int k, int seed)
    {
        var rng = new Random(seed);
        var p = new double[actual.Length * k];
        for (int r = 0; r < actual.Length; r++)
        {
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                double e = Math.Exp(Normal(rng) + (c == actual[r] ? 1.5 : 0.0));
                p[(r * k) + c] = e;
                sum += e;
            }

            for (int c = 0; c < k; c++)
            {
                p[(r * k) + c] /= sum;
            }
        }

        return p;
    }

    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
