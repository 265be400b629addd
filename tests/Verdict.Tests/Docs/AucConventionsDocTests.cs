using System.Globalization;
using Verdict.Curves;

namespace Verdict.Tests.Docs;

/// <summary>The numbers docs/auc-conventions.md quotes, recomputed: the page cannot drift from the code.</summary>
public sealed class AucConventionsDocTests
{
    private static readonly (double[] Scores, bool[] Positives) Fraud = (Curves.SampleData.FraudSet.Scores, Curves.SampleData.FraudSet.Positives);

    [Fact]
    public void Conventions_Fraud_NumbersQuotedInTheDocumentationPage()
    {
        (double[] s, bool[] y) = Fraud;
        BinaryCurve exact = BinaryCurve.Compute(s, y);
        var torch = new BinnedCurveAccumulator(100);
        torch.Add(s, y);
        BinaryCurve binned = torch.ToCurve();
        BinnedCurveAccumulator keras = BinnedCurveAccumulator.Keras(200);
        keras.Add(s, y);
        string doc = File.ReadAllText(DocPath());
        var all = new System.Text.StringBuilder();
        foreach ((string name, double value) in new[]
        {
            ("exact ROC AUC", exact.RocAuc()),
            ("exact AP", exact.AveragePrecision()),
            ("torchmetrics ROC AUC", binned.RocAuc()),
            ("torchmetrics AP", binned.AveragePrecision()),
            ("keras ROC AUC", keras.KerasRocAuc()),
            ("keras PR AUC", keras.KerasPrAuc()),
        })
        {
            string shown = value.ToString("0.000000", CultureInfo.InvariantCulture);
            if (!doc.Contains(shown, StringComparison.Ordinal))
            {
                all.Append(CultureInfo.InvariantCulture, $"{name} = {shown}; ");
            }
        }

        Assert.True(all.Length == 0, $"not in docs/auc-conventions.md: {all}");
    }

    private static string DocPath()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "docs", "auc-conventions.md")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir ?? throw new FileNotFoundException("docs/auc-conventions.md not found above the test folder"), "docs", "auc-conventions.md");
    }
}
