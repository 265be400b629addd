namespace Verdict.Charts;

/// <summary>
/// Chooses which points of a long series to draw, so a chart stays small and fast while its shape is kept. Only
/// the drawing is thinned: the numbers a chart reports (AUC, AP in legends) come from the full series.
/// </summary>
/// <remarks>
/// <para><b>Method.</b> Largest-Triangle-Three-Buckets (Steinarsson, 2013) over the points in their given order,
/// in the coordinates passed (the charts pass pixel positions, so both axes weigh as drawn). The first and last
/// points are always kept; the others are split into equal-count buckets (boundaries by integer arithmetic), and
/// from each bucket the point forming the largest triangle with the point kept before it and the mean of the next
/// bucket is kept (the first such point on ties). Then the extreme points (the first point of least and of
/// greatest x, and of least and greatest y) are added when LTTB did not keep them, four of the budget being held
/// back for them. The result is at most <c>budget</c> indices, strictly increasing.</para>
/// <para>Deterministic: the same input always gives the same indices.</para>
/// </remarks>
/// <example>
/// <code>
/// int[] kept = CurveThinning.Select(xs, ys, 2000);   // 200,000 ROC points → ≤ 2,000, first and last included
/// </code>
/// </example>
public static class CurveThinning
{
    /// <summary>The default point budget per series.</summary>
    public const int DefaultBudget = 2000;

    /// <summary>
    /// Indices of the points to draw: all of them when there are at most <paramref name="budget"/>, otherwise at
    /// most <paramref name="budget"/> chosen as described on <see cref="CurveThinning"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The coordinate lists differ in length, or a coordinate is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is less than 2.</exception>
    public static int[] Select(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int budget = DefaultBudget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 2);
        Internal.Guard.SameLength(x.Length, y.Length, nameof(y));
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException($"Point {i + 1} is not finite; drop such points before thinning.", nameof(x));
            }
        }

        int n = x.Length;
        if (n <= budget)
        {
            var all = new int[n];
            for (int i = 0; i < n; i++)
            {
                all[i] = i;
            }

            return all;
        }

        var extremes = new SortedSet<int>();
        if (budget >= 7)
        {
            extremes.Add(ArgExtreme(x, max: false));
            extremes.Add(ArgExtreme(x, max: true));
            extremes.Add(ArgExtreme(y, max: false));
            extremes.Add(ArgExtreme(y, max: true));
        }

        var kept = new SortedSet<int>(Lttb(x, y, budget - extremes.Count));
        kept.UnionWith(extremes);
        return [.. kept];
    }

    /// <summary>Largest-Triangle-Three-Buckets: exactly <paramref name="budget"/> indices (n &gt; budget &gt;= 2).</summary>
    private static int[] Lttb(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int budget)
    {
        int n = x.Length;
        var result = new int[budget];
        result[0] = 0;
        result[budget - 1] = n - 1;
        if (budget == 2)
        {
            return result;
        }

        int buckets = budget - 2;
        int a = 0;
        for (int b = 0; b < buckets; b++)
        {
            int start = BucketStart(b, n, buckets), end = BucketStart(b + 1, n, buckets);
            int nextStart = end, nextEnd = b + 1 < buckets ? BucketStart(b + 2, n, buckets) : n;
            double meanX = 0, meanY = 0;
            for (int j = nextStart; j < nextEnd; j++)
            {
                meanX += x[j];
                meanY += y[j];
            }

            int count = nextEnd - nextStart;
            meanX /= count;
            meanY /= count;
            double best = -1;
            int chosen = start;
            for (int j = start; j < end; j++)
            {
                double area = Math.Abs(((x[a] - meanX) * (y[j] - y[a])) - ((x[a] - x[j]) * (meanY - y[a])));
                if (area > best)
                {
                    best = area;
                    chosen = j;
                }
            }

            result[b + 1] = chosen;
            a = chosen;
        }

        return result;
    }

    /// <summary>First index of bucket <paramref name="b"/> of the inner points 1..n−2: 1 + ⌊b·(n−2)/buckets⌋.</summary>
    private static int BucketStart(int b, int n, int buckets) => 1 + (int)((long)b * (n - 2) / buckets);

    private static int ArgExtreme(ReadOnlySpan<double> v, bool max)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++)
        {
            if (max ? v[i] > v[best] : v[i] < v[best])
            {
                best = i;
            }
        }

        return best;
    }
}
