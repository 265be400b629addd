namespace Verdict.Scores;

/// <summary>
/// A score whose denominator was 0, and so took the zero-division value. <paramref name="Class"/> is the class
/// (or label) name, or an average's name such as "macro avg".
/// </summary>
/// <param name="Class">Class name, or the average ("micro avg", "macro avg", ...) or metric the note is about.</param>
/// <param name="Metric">The score: precision, recall, f-score, jaccard, ...</param>
/// <param name="Reason">Why it is undefined, e.g. "no predicted samples (TP + FP = 0)".</param>
public readonly record struct UndefinedScore(string Class, string Metric, string Reason)
{
    /// <summary>One line: "precision of class 'x' is undefined: no predicted samples (TP + FP = 0)".</summary>
    public override string ToString() => $"{Metric} of '{Class}' is undefined: {Reason}";
}
