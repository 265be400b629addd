namespace Verdict.Curves;

/// <summary>
/// Reusable scratch for building exact curves (scikit-learn's <c>_binary_clf_curve</c>) without allocating per
/// curve: the caller fills <see cref="Keys"/>, <see cref="Positive"/> and, when weighted, <see cref="Weight"/>
/// for <c>n</c> rows, then calls <see cref="Build"/>. Capacity is fixed; one workspace serves many curves of at
/// most that many rows (one per label, or one per row for samples averaging).
/// </summary>
internal sealed class CurveWorkspace
{
    private readonly int[] _order;

    public CurveWorkspace(int capacity)
    {
        Keys = new double[capacity];
        Positive = new bool[capacity];
        Weight = new double[capacity];
        _order = new int[capacity];
        Thresholds = new double[capacity];
        TruePositives = new double[capacity];
        FalsePositives = new double[capacity];
    }

    /// <summary>Scores, one per row (overwritten by <see cref="Build"/>).</summary>
    public double[] Keys { get; }

    /// <summary>Whether each row is positive.</summary>
    public bool[] Positive { get; }

    /// <summary>Sample weight of each row (read only when weighted).</summary>
    public double[] Weight { get; }

    /// <summary>Distinct thresholds, highest first (first <see cref="Count"/> values).</summary>
    public double[] Thresholds { get; }

    /// <summary>Cumulative true positives at each threshold.</summary>
    public double[] TruePositives { get; }

    /// <summary>Cumulative false positives at each threshold.</summary>
    public double[] FalsePositives { get; }

    /// <summary>Number of distinct thresholds after <see cref="Build"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Total positive weight.</summary>
    public double Positives { get; private set; }

    /// <summary>Total negative weight.</summary>
    public double Negatives { get; private set; }

    public ReadOnlySpan<double> Tps => TruePositives.AsSpan(0, Count);

    public ReadOnlySpan<double> Fps => FalsePositives.AsSpan(0, Count);

    /// <summary>
    /// Sorts the first <paramref name="n"/> rows by score and accumulates TP and FP from the highest score down.
    /// Rows of weight 0 are dropped first (they add no threshold), as scikit-learn does. Tied scores form one
    /// threshold: a row is predicted positive at threshold t when its score is &gt;= t.
    /// </summary>
    public void Build(int n, bool weighted)
    {
        double[] keys = Keys;
        bool[] pos = Positive;
        double[] w = Weight;
        int m = n;
        if (weighted)
        {
            m = 0;
            for (int i = 0; i < n; i++)
            {
                if (w[i] != 0)
                {
                    keys[m] = keys[i];
                    pos[m] = pos[i];
                    w[m] = w[i];
                    m++;
                }
            }
        }

        int[] order = _order;
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        keys.AsSpan(0, m).Sort(order.AsSpan(0, m));

        int count = 0;
        double tp = 0, fp = 0;
        int j = m - 1;
        while (j >= 0)
        {
            double s = keys[j];
            do
            {
                int r = order[j];
                double wr = weighted ? w[r] : 1.0;
                if (pos[r])
                {
                    tp += wr;
                }
                else
                {
                    fp += wr;
                }

                j--;
            }
            while (j >= 0 && keys[j] == s);

            Thresholds[count] = s;
            TruePositives[count] = tp;
            FalsePositives[count] = fp;
            count++;
        }

        Count = count;
        Positives = tp;
        Negatives = fp;
    }
}
