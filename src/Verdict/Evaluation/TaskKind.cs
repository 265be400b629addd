namespace Verdict.Evaluation;

/// <summary>The kind of classification task (scikit-learn's target types).</summary>
public enum TaskKind
{
    /// <summary>At most two distinct labels across actual and predicted.</summary>
    Binary = 0,

    /// <summary>More than two distinct labels, one per row.</summary>
    Multiclass = 1,

    /// <summary>Several 0/1 labels per row (indicator matrices).</summary>
    Multilabel = 2,
}
