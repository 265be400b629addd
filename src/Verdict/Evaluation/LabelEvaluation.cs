using Verdict.Counts;
using System.Globalization;
using Verdict.Labels;
using Verdict.Scores;

namespace Verdict.Evaluation;

/// <summary>
/// Single-label (binary or multiclass) predictions reduced to their sufficient statistic: the label map and the
/// confusion matrix over every label that is listed or present. The classes a result covers are an explicit
/// selection: the user's <c>labels</c> list in its order, or every label in scikit-learn's sorted order.
/// </summary>
/// <remarks>
/// As in scikit-learn, listed labels absent from the data get zero counts, and present labels left out of the
/// list still count as false positives and false negatives of the listed ones.
/// </remarks>
public sealed class LabelEvaluation
{
    private readonly int[] _selected;

    private LabelEvaluation(LabelMap labels, int[] selected, ConfusionMatrix matrix, TaskKind task, bool labelsGiven, int presentCount)
    {
        Labels = labels;
        _selected = selected;
        Matrix = matrix;
        Task = task;
        LabelsGiven = labelsGiven;
        PresentLabelCount = presentCount;
    }

    /// <summary>Every label: the listed ones first, in order, then any others present in the data.</summary>
    public LabelMap Labels { get; }

    /// <summary>Indices (into <see cref="Labels"/>) of the classes results cover, in order.</summary>
    public IReadOnlyList<int> Selected => _selected;

    /// <summary>Names of the selected classes, in order.</summary>
    public IReadOnlyList<string> SelectedNames => _selected.Select(i => Labels[i]).ToArray();

    /// <summary>The confusion matrix over all labels.</summary>
    public ConfusionMatrix Matrix { get; }

    /// <summary>Binary (at most two labels present) or multiclass.</summary>
    public TaskKind Task { get; }

    /// <summary>Whether the caller gave the list of labels.</summary>
    public bool LabelsGiven { get; }

    /// <summary>Number of distinct labels present in the data (actual or predicted).</summary>
    public int PresentLabelCount { get; }

    /// <summary>
    /// Whether the selected classes are exactly the labels present in the data. The classification report then
    /// prints "accuracy" rather than "micro avg" (scikit-learn 1.2's rule; 1.4 also prints "accuracy" when the
    /// selection is a strict superset of the present labels, and Verdict keeps the 1.2 rule).
    /// </summary>
    public bool SelectionEqualsData
    {
        get
        {
            var selected = new HashSet<int>(_selected);
            for (int k = 0; k < Labels.Count; k++)
            {
                if (selected.Contains(k) != RowsIn(Matrix, k))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>One-vs-rest counts of the selected classes, in order.</summary>
    public BinaryCounts[] SelectedCounts()
    {
        BinaryCounts[] all = Matrix.OneVsRestAll();
        var result = new BinaryCounts[_selected.Length];
        for (int i = 0; i < _selected.Length; i++)
        {
            result[i] = all[_selected[i]];
        }

        return result;
    }

    /// <summary>
    /// The counts an average covers: the selected classes, or for <see cref="Average.Binary"/> the
    /// <paramref name="positive"/> class alone (scikit-learn's rule: the data must be binary, and a positive
    /// label absent from the data is allowed only when fewer than two labels are present; it then has zero counts).
    /// </summary>
    /// <exception cref="ArgumentException">Binary averaging on multiclass data, or a positive label that is not one of two present labels.</exception>
    public BinaryCounts[] CountsFor(Average average, string positive = "1")
    {
        if (average != Average.Binary)
        {
            return SelectedCounts();
        }

        ArgumentNullException.ThrowIfNull(positive);
        if (Task != TaskKind.Binary)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The data has {PresentLabelCount} labels, so binary averaging does not apply; choose micro, macro or weighted averaging."), nameof(average));
        }

        int k = Labels.IndexOf(positive);
        if (k < 0 || !RowsIn(Matrix, k))
        {
            if (PresentLabelCount >= 2)
            {
                throw new ArgumentException(
                    $"Positive label '{positive}' is not one of the labels in the data ({string.Join(", ", PresentNames())}); pass one of them as the positive label.",
                    nameof(positive));
            }

            return k < 0 ? [new BinaryCounts(0, 0, 0, Matrix.Total)] : [Matrix.OneVsRest(k)];
        }

        return [Matrix.OneVsRest(k)];
    }

    /// <summary>The labels that occur in the data, in map order.</summary>
    public IReadOnlyList<string> PresentNames()
    {
        var names = new List<string>();
        for (int k = 0; k < Labels.Count; k++)
        {
            if (RowsIn(Matrix, k))
            {
                names.Add(Labels[k]);
            }
        }

        return names;
    }

    /// <summary>The confusion matrix restricted to the selected classes (scikit-learn's <c>confusion_matrix(labels=...)</c>).</summary>
    public ConfusionMatrix SelectedMatrix() => LabelsGiven ? Matrix.Select(_selected) : Matrix;

    /// <summary>
    /// Evaluates label pairs. <paramref name="labels"/> (optional) lists the classes to report, in order;
    /// <paramref name="weights"/> is empty or one non-negative weight per row.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a weight is negative or non-finite, or labels repeat.</exception>
    public static LabelEvaluation FromLabels(IReadOnlyList<string> actual, IReadOnlyList<string> predicted,
                                             IReadOnlyList<string>? labels = null, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        Internal.Guard.SameLength(actual.Count, predicted.Count, "predicted labels");
        var present = new HashSet<string>(actual, StringComparer.Ordinal);
        present.UnionWith(predicted);
        LabelMap map = labels is null ? LabelMap.Sorted(present) : LabelMap.InOrder(labels).Union(present);
        int[] a = map.Encode(actual), p = map.Encode(predicted);
        ConfusionMatrix matrix = ConfusionMatrix.Compute(a, p, map.Count, weights);
        return Create(map, matrix, labels?.Count, present.Count);
    }

    /// <summary>
    /// Evaluates interned label columns, as a file reader produces them: each row's code indexes that column's
    /// distinct values. Label pairs are counted on codes, then folded into label order, so no per-row string or
    /// re-encoding is needed.
    /// </summary>
    public static LabelEvaluation FromCodes(ReadOnlySpan<int> actualCodes, IReadOnlyList<string> actualValues,
                                            ReadOnlySpan<int> predictedCodes, IReadOnlyList<string> predictedValues,
                                            IReadOnlyList<string>? labels = null, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(actualValues);
        ArgumentNullException.ThrowIfNull(predictedValues);
        int codes = Math.Max(actualValues.Count, predictedValues.Count);
        ConfusionMatrix byCode = ConfusionMatrix.Compute(actualCodes, predictedCodes, codes, weights);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var actualUsed = new bool[codes];
        var predictedUsed = new bool[codes];
        for (int i = 0; i < codes; i++)
        {
            for (int j = 0; j < codes; j++)
            {
                if (byCode.CountAt(i, j) > 0)
                {
                    actualUsed[i] = true;
                    predictedUsed[j] = true;
                }
            }
        }

        for (int i = 0; i < actualValues.Count; i++)
        {
            if (actualUsed[i])
            {
                present.Add(actualValues[i]);
            }
        }

        for (int j = 0; j < predictedValues.Count; j++)
        {
            if (predictedUsed[j])
            {
                present.Add(predictedValues[j]);
            }
        }

        LabelMap map = labels is null ? LabelMap.Sorted(present) : LabelMap.InOrder(labels).Union(present);
        int[] rowMap = MapCodes(map, actualValues, actualUsed, codes);
        int[] columnMap = MapCodes(map, predictedValues, predictedUsed, codes);
        return Create(map, byCode.Remap(map.Count, rowMap, columnMap), labels?.Count, present.Count);
    }

    private static int[] MapCodes(LabelMap map, IReadOnlyList<string> values, bool[] used, int codes)
    {
        var result = new int[codes];
        for (int i = 0; i < codes; i++)
        {
            // Unused codes (a value seen only in rows later skipped) hold no counts; any index will do.
            result[i] = i < values.Count && used[i] ? map.IndexOf(values[i]) : 0;
        }

        return result;
    }

    /// <summary>
    /// Builds an evaluation from a matrix already counted over <paramref name="map"/>. <paramref name="listedCount"/>
    /// is the number of leading labels the caller listed (null: all labels, none listed).
    /// </summary>
    public static LabelEvaluation FromMatrix(LabelMap map, ConfusionMatrix matrix, int? listedCount = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(matrix);
        if (map.Count != matrix.ClassCount)
        {
            throw new ArgumentException("The label map and the matrix differ in class count.", nameof(matrix));
        }

        int present = 0;
        for (int k = 0; k < map.Count; k++)
        {
            if (RowsIn(matrix, k))
            {
                present++;
            }
        }

        return Create(map, matrix, listedCount, present);
    }

    private static LabelEvaluation Create(LabelMap map, ConfusionMatrix matrix, int? listedCount, int presentCount)
    {
        int[] selected = Enumerable.Range(0, listedCount ?? map.Count).ToArray();
        TaskKind task = presentCount <= 2 ? TaskKind.Binary : TaskKind.Multiclass;
        return new LabelEvaluation(map, selected, matrix, task, listedCount is not null, presentCount);
    }

    private static bool RowsIn(ConfusionMatrix m, int k)
    {
        for (int j = 0; j < m.ClassCount; j++)
        {
            if (m.CountAt(k, j) > 0 || m.CountAt(j, k) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
