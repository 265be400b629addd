using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Scores;

namespace Verdict.Reports;

/// <summary>One line of a classification report: a class or an average.</summary>
/// <param name="Name">Class name, or "accuracy", "micro avg", "macro avg", "weighted avg", "samples avg".</param>
/// <param name="Precision">Precision (for the accuracy row: the accuracy).</param>
/// <param name="Recall">Recall (for the accuracy row: the accuracy).</param>
/// <param name="FScore">F-score (for the accuracy row: the accuracy).</param>
/// <param name="Support">Support: rows, or weight sum when weighted.</param>
public sealed record ReportRow(string Name, double Precision, double Recall, double FScore, double Support);

/// <summary>
/// scikit-learn's classification report as data: per-class precision, recall, F1 and support first, then the
/// averages (the first is "accuracy" when micro averaging over every label present in single-label data,
/// otherwise "micro avg"; "samples avg" is added for multilabel data). Renderers turn it into text, JSON,
/// Markdown or CSV.
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(IReadOnlyList<ReportRow> classes, IReadOnlyList<ReportRow> averages, bool weighted,
                                 ZeroDivision zeroDivision, IReadOnlyList<UndefinedScore> undefined)
    {
        Classes = classes;
        Averages = averages;
        IsWeighted = weighted;
        ZeroDivision = zeroDivision;
        Undefined = undefined;
    }

    /// <summary>One row per class, in label order.</summary>
    public IReadOnlyList<ReportRow> Classes { get; }

    /// <summary>The average rows, in scikit-learn's order.</summary>
    public IReadOnlyList<ReportRow> Averages { get; }

    /// <summary>Whether the first average row is "accuracy".</summary>
    public bool HasAccuracyRow => Averages.Count > 0 && Averages[0].Name == "accuracy";

    /// <summary>
    /// Whether support prints as a float: when it is a sum of sample weights, and (as scikit-learn does) when
    /// single-label data has no correct prediction at all.
    /// </summary>
    public bool IsWeighted { get; }

    /// <summary>The zero-division policy the scores used.</summary>
    public ZeroDivision ZeroDivision { get; }

    /// <summary>Every cell that was undefined and why.</summary>
    public IReadOnlyList<UndefinedScore> Undefined { get; }

    /// <summary>The report of single-label predictions over the selected classes.</summary>
    public static ClassificationReport For(LabelEvaluation evaluation, ZeroDivision zeroDivision = ZeroDivision.Zero)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ClassScores scores = ClassScores.Compute(evaluation.SelectedCounts(), 1.0, zeroDivision);
        bool microIsAccuracy = !evaluation.LabelsGiven || evaluation.SelectionEqualsData;
        bool floatSupport = evaluation.Matrix.IsWeighted || evaluation.Matrix.CorrectRows == 0;
        return Create(scores, evaluation.SelectedNames, microIsAccuracy, floatSupport);
    }

    /// <summary>The report of multilabel predictions; <paramref name="names"/> names the selected columns.</summary>
    public static ClassificationReport For(MultilabelCounts counts, IReadOnlyList<string> names, bool weighted,
                                           ZeroDivision zeroDivision = ZeroDivision.Zero)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ClassScores scores = ClassScores.Compute(counts.Labels.ToArray(), 1.0, zeroDivision, counts.Samples);
        return Create(scores, names, microIsAccuracy: false, weighted);
    }

    /// <summary>A report from per-class scores. Samples averaging is included when <paramref name="scores"/> has per-row counts.</summary>
    public static ClassificationReport Create(ClassScores scores, IReadOnlyList<string> names, bool microIsAccuracy, bool weighted)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(names);
        var classes = new List<ReportRow>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            classes.Add(new ReportRow(names[i], scores.Precision[i], scores.Recall[i], scores.FScore[i], scores.Support[i]));
        }

        var undefined = new List<UndefinedScore>(scores.Undefined(names));
        var averages = new List<ReportRow>();
        var kinds = new List<(Average Kind, string Name)>
        {
            (Average.Micro, microIsAccuracy ? "accuracy" : "micro avg"),
            (Average.Macro, "macro avg"),
            (Average.Weighted, "weighted avg"),
        };
        if (scores.Samples is not null)
        {
            kinds.Add((Average.Samples, "samples avg"));
        }

        BinaryCounts pooled = BinaryCounts.Sum(scores.Counts.ToArray());
        foreach ((Average kind, string name) in kinds)
        {
            AveragedScores a = scores.Averaged(kind);
            averages.Add(new ReportRow(name, a.Precision, a.Recall, a.FScore, a.Support));
            if (kind == Average.Micro)
            {
                if (pooled.PredictedPositives == 0)
                {
                    undefined.Add(new UndefinedScore(name, "precision", "no predicted samples in any class (ΣTP + ΣFP = 0)"));
                }

                if (pooled.Support == 0)
                {
                    undefined.Add(new UndefinedScore(name, "recall", "no true samples in any class (ΣTP + ΣFN = 0)"));
                }
            }
            else
            {
                AddNaN(undefined, name, "precision", a.Precision);
                AddNaN(undefined, name, "recall", a.Recall);
                AddNaN(undefined, name, "f1-score", a.FScore);
            }
        }

        return new ClassificationReport(classes, averages, weighted, scores.ZeroDivision, undefined);
    }

    private static void AddNaN(List<UndefinedScore> notes, string name, string metric, double value)
    {
        if (double.IsNaN(value))
        {
            notes.Add(new UndefinedScore(name, metric, "every value averaged is undefined"));
        }
    }
}
