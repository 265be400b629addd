using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Tests.Gates;

/// <summary>Small reports with hand-checkable numbers for the gate tests.</summary>
internal static class GateData
{
    // Class "1": TP 2, FN 2, FP 2, TN 4. Class "0": TP 4, FN 2, FP 2, TN 2.
    public static readonly string[] Actual = ["1", "1", "1", "1", "0", "0", "0", "0", "0", "0"];
    public static readonly double[] Scores = [0.9, 0.8, 0.4, 0.3, 0.7, 0.2, 0.1, 0.35, 0.05, 0.6];

    public static string[] Predicted(double threshold) => [.. Scores.Select(s => s >= threshold ? "1" : "0")];

    public static bool[] Positives => [.. Actual.Select(a => a == "1")];

    public static EvaluationReport Binary(ZeroDivision zd = ZeroDivision.Zero, double threshold = 0.5, bool scores = true)
    {
        EvaluationReport report = EvaluationReport.For(LabelEvaluation.FromLabels(Actual, Predicted(threshold)), zd, "1");
        if (scores)
        {
            ScoreMetrics.AddBinary(report, Scores, Positives);
        }

        return report;
    }

    /// <summary>Three classes a, b, c; row-major probabilities; predictions are the argmax.</summary>
    public static EvaluationReport Multiclass()
    {
        int[] labels = [0, 0, 1, 1, 2, 2, 0, 1];
        double[] p =
        [
            0.7, 0.2, 0.1,
            0.4, 0.5, 0.1,
            0.2, 0.6, 0.2,
            0.1, 0.3, 0.6,
            0.1, 0.1, 0.8,
            0.3, 0.3, 0.4,
            0.5, 0.4, 0.1,
            0.2, 0.7, 0.1,
        ];
        string[] names = ["a", "b", "c"];
        string[] actual = [.. labels.Select(l => names[l])];
        string[] predicted = new string[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int best = 0;
            for (int k = 1; k < 3; k++)
            {
                if (p[(i * 3) + k] > p[(i * 3) + best])
                {
                    best = k;
                }
            }

            predicted[i] = names[best];
        }

        EvaluationReport report = EvaluationReport.For(LabelEvaluation.FromLabels(actual, predicted));
        ScoreMetrics.AddMulticlass(report, labels, p, names, default, [2]);
        return report;
    }
}
