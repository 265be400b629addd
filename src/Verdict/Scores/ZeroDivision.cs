namespace Verdict.Scores;

/// <summary>
/// What a score is when its denominator is 0 (scikit-learn's <c>zero_division</c>). The default is
/// <see cref="Zero"/>, scikit-learn's default. Whichever is chosen, results list the undefined cells.
/// </summary>
public enum ZeroDivision
{
    /// <summary>Undefined scores are 0.</summary>
    Zero = 0,

    /// <summary>Undefined scores are 1.</summary>
    One = 1,

    /// <summary>Undefined scores are NaN and are left out of macro, weighted and samples averages.</summary>
    NaN = 2,
}

/// <summary>Helpers for <see cref="ZeroDivision"/>.</summary>
public static class ZeroDivisionExtensions
{
    /// <summary>The number an undefined score takes: 0, 1 or NaN.</summary>
    public static double Value(this ZeroDivision policy) => policy switch
    {
        ZeroDivision.One => 1.0,
        ZeroDivision.NaN => double.NaN,
        _ => 0.0,
    };
}
