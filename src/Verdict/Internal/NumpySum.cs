namespace Verdict.Internal;

/// <summary>
/// NumPy's summation order for <c>np.sum</c> of a contiguous float64 vector: pairwise summation (a plain loop
/// below 8 values, eight accumulators per block of up to 128, halves above that). Used where
/// a printed value must match scikit-learn to the last bit (a report's total weighted support).
/// </summary>
internal static class NumpySum
{
    public static double Sum(ReadOnlySpan<double> values) => Pairwise(values);

    private static double Pairwise(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (int j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }

            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        int n2 = n / 2;
        n2 -= n2 % 8;
        return Pairwise(a[..n2]) + Pairwise(a[n2..]);
    }
}
