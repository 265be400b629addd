namespace Verdict.Scores;

/// <summary>How per-class scores become one number (scikit-learn's <c>average</c>).</summary>
public enum Average
{
    /// <summary>No averaging: one score per class.</summary>
    None = 0,

    /// <summary>The positive class only (binary tasks).</summary>
    Binary = 1,

    /// <summary>Pool TP, FP and FN over the classes, then score.</summary>
    Micro = 2,

    /// <summary>Score each class, then take the plain mean.</summary>
    Macro = 3,

    /// <summary>Score each class, then take the mean weighted by support.</summary>
    Weighted = 4,

    /// <summary>Score each row's label set, then take the (sample-weighted) mean (multilabel only).</summary>
    Samples = 5,
}
