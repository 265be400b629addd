using Verdict.Evaluation;
using Verdict.Reports;
using Verdict.Scores;

namespace Verdict.Tests.Tracking;

/// <summary>A small fixed label set whose metrics the tests count by hand, and a scratch folder.</summary>
internal static class TrackingSamples
{
    /// <summary>Ten rows, three classes; "card not present" checks key sanitising.</summary>
    public static readonly string[] Actual =
        ["fraud", "fraud", "fraud", "legit", "legit", "legit", "legit", "card not present", "card not present", "legit"];

    /// <summary>Predictions: fraud 2 of 3 right (one called legit), legit 4 of 5 (one called fraud), card not present 1 of 2 (one called legit).</summary>
    public static readonly string[] Predicted =
        ["fraud", "fraud", "legit", "legit", "legit", "fraud", "legit", "card not present", "legit", "legit"];

    /// <summary>The report of <see cref="Actual"/> against <see cref="Predicted"/>.</summary>
    public static EvaluationReport Report(ZeroDivision zeroDivision = ZeroDivision.Zero, string? positive = null) =>
        EvaluationReport.For(LabelEvaluation.FromLabels(Actual, Predicted), zeroDivision, positive);
}

/// <summary>A scratch folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verdict-tracking-lib-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
