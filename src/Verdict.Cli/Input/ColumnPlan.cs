using System.Globalization;
using System.Text;

namespace Verdict.Cli.Input;

/// <summary>
/// Which fields of a header feed which requested columns. A requested column is a slot: label slots and
/// number slots are numbered separately, in the order the columns were asked for.
/// </summary>
internal sealed class ColumnPlan
{
    private ColumnPlan(string[] header, string[] labelNames, string[] numberNames, int[] labelSlotOfField, int[] numberSlotOfField,
                       ColumnKind[] numberKinds)
    {
        NumberKinds = numberKinds;
        Header = header;
        LabelNames = labelNames;
        NumberNames = numberNames;
        LabelSlotOfField = labelSlotOfField;
        NumberSlotOfField = numberSlotOfField;
        var requested = new List<int>();
        for (int f = 0; f < header.Length; f++)
        {
            if (labelSlotOfField[f] >= 0 || numberSlotOfField[f] >= 0)
            {
                requested.Add(f);
            }
        }

        RequestedFields = [.. requested];
    }

    /// <summary>Every column name of the file, in file order.</summary>
    public string[] Header { get; }

    /// <summary>The name of each label slot.</summary>
    public string[] LabelNames { get; }

    /// <summary>The name of each number slot.</summary>
    public string[] NumberNames { get; }

    /// <summary>For each field of the header, its label slot or -1.</summary>
    public int[] LabelSlotOfField { get; }

    /// <summary>For each field of the header, its number slot or -1.</summary>
    public int[] NumberSlotOfField { get; }

    /// <summary>The field indices that feed some slot, ascending.</summary>
    public int[] RequestedFields { get; }

    /// <summary>The kind of each number slot (Number, Weight, Indicator or Count), whose rule values must meet.</summary>
    public ColumnKind[] NumberKinds { get; }

    /// <summary>Why <paramref name="value"/> breaks number slot <paramref name="slot"/>'s rule, or null.</summary>
    public string? Violation(int slot, double value) => NumberRules.Violation(NumberKinds[slot], value);

    /// <summary>
    /// Matches <paramref name="columns"/> against <paramref name="header"/>. Throws an <see cref="InputException"/>
    /// naming every requested column that is missing (with the file's columns and the closest name) or ambiguous.
    /// </summary>
    public static ColumnPlan Create(string file, string[] header, IReadOnlyList<ColumnSpec> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var labelSlot = new int[header.Length];
        var numberSlot = new int[header.Length];
        Array.Fill(labelSlot, -1);
        Array.Fill(numberSlot, -1);
        var labelNames = new List<string>();
        var numberNames = new List<string>();
        var numberKinds = new List<ColumnKind>();
        var problems = new List<InputProblem>();
        foreach (ColumnSpec spec in columns)
        {
            ArgumentNullException.ThrowIfNull(spec.Name, nameof(columns));
            int field = -1;
            int count = 0;
            for (int f = 0; f < header.Length; f++)
            {
                if (string.Equals(header[f], spec.Name, StringComparison.Ordinal))
                {
                    if (count == 0)
                    {
                        field = f;
                    }

                    count++;
                }
            }

            if (count == 0)
            {
                problems.Add(new InputProblem(file, 0, null, null, MissingColumnMessage(spec.Name, header)));
                continue;
            }

            if (count > 1)
            {
                problems.Add(new InputProblem(file, 0, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"column '{spec.Name}' appears {count} times in the header; rename the duplicates so each column name is unique")));
                continue;
            }

            int[] slots = spec.Kind == ColumnKind.Label ? labelSlot : numberSlot;
            List<string> names = spec.Kind == ColumnKind.Label ? labelNames : numberNames;
            if (slots[field] < 0)
            {
                slots[field] = names.Count;
                names.Add(spec.Name);
                if (spec.Kind != ColumnKind.Label)
                {
                    numberKinds.Add(spec.Kind);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems, problems.Count);
        }

        return new ColumnPlan(header, [.. labelNames], [.. numberNames], labelSlot, numberSlot, [.. numberKinds]);
    }

    /// <summary>The message for a column that is not in the header: the file's columns and the closest name.</summary>
    public static string MissingColumnMessage(string name, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var sb = new StringBuilder();
        sb.Append("column '").Append(name).Append("' not found; the columns are ");
        const int Shown = 30;
        for (int i = 0; i < header.Count && i < Shown; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(header[i]);
        }

        if (header.Count > Shown)
        {
            sb.Append(", ... (").Append((header.Count - Shown).ToString(CultureInfo.InvariantCulture)).Append(" more)");
        }

        if (header.Count == 0)
        {
            sb.Append("(none)");
        }

        string? closest = Closest(name, header);
        if (closest is not null)
        {
            sb.Append("; did you mean '").Append(closest).Append("'?");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The header name closest to <paramref name="name"/>: a case-insensitive match first, else the smallest
    /// edit distance (case-insensitive) if it is at most a third of the name's length (at least 2); otherwise null.
    /// </summary>
    public static string? Closest(string name, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(header);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in header)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            int d = EditDistance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
