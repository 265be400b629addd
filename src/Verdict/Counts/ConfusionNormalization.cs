namespace Verdict.Counts;

/// <summary>How a confusion matrix is normalised (scikit-learn's <c>normalize</c>).</summary>
public enum ConfusionNormalization
{
    /// <summary>Raw counts (or weight sums).</summary>
    None = 0,

    /// <summary>Each row (actual class) sums to 1.</summary>
    True = 1,

    /// <summary>Each column (predicted class) sums to 1.</summary>
    Pred = 2,

    /// <summary>All cells sum to 1.</summary>
    All = 3,
}
