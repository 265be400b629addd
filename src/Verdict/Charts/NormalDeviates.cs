namespace Verdict.Charts;

/// <summary>The standard normal quantile Φ⁻¹(p), for the normal deviate axes of DET charts.</summary>
internal static class NormalDeviates
{
    /// <summary>
    /// Φ⁻¹(<paramref name="p"/>) by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37:477, 1988), accurate to
    /// about 1e-16 relative: a rational function of (p − ½)² near the centre and of √(−ln min(p, 1 − p)) in the
    /// tails. −∞ at 0, +∞ at 1, NaN outside [0, 1].
    /// </summary>
    public static double Quantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            return double.NaN;
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - (q * q);
            return q * Poly(r, 3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
                                45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727)
                     / Poly(r, 1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
                               21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561);
        }

        double t = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        double value;
        if (t <= 5)
        {
            t -= 1.6;
            value = Poly(t, 1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
                            1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4)
                  / Poly(t, 1.0, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
                            0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9);
        }
        else
        {
            t -= 5;
            value = Poly(t, 6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
                            0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7)
                  / Poly(t, 1.0, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
                            7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15);
        }

        return q < 0 ? -value : value;
    }

    /// <summary>c0 + c1·x + … + c7·x⁷ by Horner's rule.</summary>
    private static double Poly(double x, double c0, double c1, double c2, double c3, double c4, double c5, double c6, double c7)
    {
        double r = c7;
        r = (r * x) + c6;
        r = (r * x) + c5;
        r = (r * x) + c4;
        r = (r * x) + c3;
        r = (r * x) + c2;
        r = (r * x) + c1;
        return (r * x) + c0;
    }
}
