namespace Verdict.Scores;

/// <summary>How Cohen's kappa weighs disagreements (scikit-learn's <c>weights</c>).</summary>
public enum KappaWeighting
{
    /// <summary>Every disagreement weighs 1.</summary>
    None = 0,

    /// <summary>A disagreement between classes i and j weighs |i − j|.</summary>
    Linear = 1,

    /// <summary>A disagreement between classes i and j weighs (i − j)².</summary>
    Quadratic = 2,
}
