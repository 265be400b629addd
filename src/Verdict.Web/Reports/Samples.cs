namespace Verdict.Web.Reports;

/// <summary>A prediction file the report page offers, with the options that fit it.</summary>
/// <param name="Name">The file name (also the embedded resource samples/NAME).</param>
/// <param name="Title">One line on what it holds.</param>
/// <param name="Options">Form fields to preset (actual, predicted, score, scores, positive, task, threshold).</param>
internal sealed record Sample(string Name, string Title, IReadOnlyDictionary<string, string> Options);

/// <summary>The embedded samples (the repository's samples folder, without the 8 MB fraud.csv).</summary>
internal static class Samples
{
    public static IReadOnlyList<Sample> All { get; } =
    [
        new("digits.csv", "Handwritten digits: 10 classes, 1,797 rows, predicted labels and class probabilities",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["actual"] = "y_true",
                ["predicted"] = "y_pred",
                ["scores"] = "p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9",
            }),
        new("breast_cancer.csv", "Breast cancer: binary, 569 rows, predicted labels and the probability of malignant",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["actual"] = "diagnosis",
                ["predicted"] = "predicted",
                ["score"] = "p_malignant",
                ["positive"] = "malignant",
            }),
        new("multilabel.csv", "Multilabel: 5 labels, 3,000 rows, scores turned into predictions at a threshold",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["task"] = "multilabel",
                ["actual"] = "y_0,y_1,y_2,y_3,y_4",
                ["scores"] = "p_0,p_1,p_2,p_3,p_4",
                ["threshold"] = "0.5",
            }),
    ];

    public static Sample? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
