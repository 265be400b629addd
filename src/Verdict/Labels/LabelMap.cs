using System.Globalization;

namespace Verdict.Labels;

/// <summary>How a set of labels is ordered by default.</summary>
public enum LabelKind
{
    /// <summary>Every label parses as a number: ordered numerically, as scikit-learn orders integer labels.</summary>
    Number = 0,

    /// <summary>At least one label is not a number: ordered ordinally (by UTF-16 code units), as NumPy orders strings.</summary>
    Text = 1,
}

/// <summary>
/// An immutable, ordered set of class labels and the dense index of each. Kernels see indices in
/// <c>[0, Count)</c>; the map turns user labels into indices on the way in and names on the way out.
/// </summary>
/// <example>
/// <code>
/// var map = LabelMap.Sorted(new[] { "10", "9", "2" });   // numbers sort numerically: 2, 9, 10
/// map.IndexOf("9");                                        // 1
/// </code>
/// </example>
public sealed class LabelMap
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _index;

    private LabelMap(string[] names, LabelKind kind)
    {
        _names = names;
        Kind = kind;
        _index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (!_index.TryAdd(names[i], i))
            {
                throw new ArgumentException($"Label '{names[i]}' is listed twice; each label may appear once.", nameof(names));
            }
        }
    }

    /// <summary>Label names in index order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Number of labels.</summary>
    public int Count => _names.Length;

    /// <summary>Whether every label is numeric (numeric order) or not (ordinal order).</summary>
    public LabelKind Kind { get; }

    /// <summary>The name of the label at <paramref name="index"/>.</summary>
    public string this[int index] => _names[index];

    /// <summary>
    /// The distinct labels in scikit-learn's order: numerically when every label is a number
    /// (ties between spellings such as "1" and "1.0" broken ordinally), otherwise ordinally.
    /// </summary>
    public static LabelMap Sorted(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = new HashSet<string>(labels, StringComparer.Ordinal);
        string[] names = [.. distinct];
        LabelKind kind = KindOf(names);
        SortInPlace(names, kind);
        return new LabelMap(names, kind);
    }

    /// <summary>The labels exactly in the given order (a user's <c>labels</c> list). Duplicates are an error.</summary>
    public static LabelMap InOrder(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        string[] names = [.. labels];
        return new LabelMap(names, KindOf(names));
    }

    /// <summary>Integer labels <c>0..count-1</c> (multilabel indicator columns).</summary>
    public static LabelMap Range(int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return new LabelMap(names, LabelKind.Number);
    }

    /// <summary>This map followed by the labels of <paramref name="more"/> it lacks, in sorted order.</summary>
    public LabelMap Union(IEnumerable<string> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var extra = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string label in more)
        {
            if (!_index.ContainsKey(label) && seen.Add(label))
            {
                extra.Add(label);
            }
        }

        if (extra.Count == 0)
        {
            return this;
        }

        string[] tail = [.. extra];
        SortInPlace(tail, KindOf(tail));
        return new LabelMap([.. _names, .. tail], KindOf([.. _names, .. tail]));
    }

    /// <summary>The index of <paramref name="label"/>, or -1 when it is not in the map.</summary>
    public int IndexOf(string label) => _index.TryGetValue(label, out int i) ? i : -1;

    /// <summary>Whether <paramref name="label"/> is in the map.</summary>
    public bool Contains(string label) => _index.ContainsKey(label);

    /// <summary>
    /// Writes the index of each label to <paramref name="destination"/>. Throws
    /// <see cref="UnknownLabelException"/> naming the first label that is not in the map and its position.
    /// </summary>
    public void Encode(IReadOnlyList<string> labels, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (destination.Length < labels.Count)
        {
            throw new ArgumentException("Destination is shorter than the labels.", nameof(destination));
        }

        for (int i = 0; i < labels.Count; i++)
        {
            if (!_index.TryGetValue(labels[i], out int k))
            {
                throw new UnknownLabelException(labels[i], i);
            }

            destination[i] = k;
        }
    }

    /// <summary>The index of each label (see <see cref="Encode(IReadOnlyList{string}, Span{int})"/>).</summary>
    public int[] Encode(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new int[labels.Count];
        Encode(labels, result);
        return result;
    }

    private static LabelKind KindOf(string[] names)
    {
        foreach (string n in names)
        {
            if (!TryNumber(n, out _))
            {
                return LabelKind.Text;
            }
        }

        return LabelKind.Number;
    }

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);

    private static void SortInPlace(string[] names, LabelKind kind)
    {
        if (kind == LabelKind.Number)
        {
            Array.Sort(names, (a, b) =>
            {
                TryNumber(a, out double x);
                TryNumber(b, out double y);
                int c = x.CompareTo(y);
                return c != 0 ? c : string.CompareOrdinal(a, b);
            });
        }
        else
        {
            Array.Sort(names, StringComparer.Ordinal);
        }
    }
}

/// <summary>A label that is not in the label map.</summary>
public sealed class UnknownLabelException : Exception
{
    /// <summary>Creates the exception for <paramref name="label"/> found at zero-based <paramref name="position"/>.</summary>
    public UnknownLabelException(string label, int position)
        : base($"Label '{label}' (row {position + 1}) is not one of the known labels.")
    {
        Label = label;
        Position = position;
    }

    /// <summary>The label that was not found.</summary>
    public string Label { get; }

    /// <summary>Zero-based position of the label in its input.</summary>
    public int Position { get; }
}
