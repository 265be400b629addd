using Verdict.Cli.Input;

namespace Verdict.Cli.Commands;

/// <summary>Input checks on score columns that the readers cannot make alone.</summary>
internal static class ScoreChecks
{
    /// <summary>
    /// Fails when every given score column holds only 0 and 1: those are hard predictions, and a ROC curve of them
    /// has one point, so its AUC is not the model's ranking quality.
    /// </summary>
    public static void RejectHardScores(string file, Table table, IReadOnlyList<string> columns)
    {
        if (columns.Count == 0)
        {
            return;
        }

        foreach (string column in columns)
        {
            if (!AllHard(table.Numbers(column)))
            {
                return;
            }
        }

        throw new CliException(HardScoresMessage(file, columns));
    }

    /// <summary>Whether every value is 0 or 1.</summary>
    public static bool AllHard(ReadOnlySpan<double> scores)
    {
        foreach (double v in scores)
        {
            if (v is not (0 or 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The message for score columns that hold only 0 and 1.</summary>
    public static string HardScoresMessage(string file, IReadOnlyList<string> columns) =>
        $"{file}: score column{(columns.Count > 1 ? "s" : "")} {string.Join(", ", columns.Select(c => $"'{c}'"))} hold only 0 and 1: these look like hard predictions, not scores, and an AUC from them is misleading; pass predictions with --predicted, or add --allow-hard-scores to use them as scores anyway";
}
