namespace Verdict.Cli.Input;

/// <summary>How the values of a column are read.</summary>
internal enum ColumnKind
{
    /// <summary>
    /// A categorical class label. Any text is accepted and kept exactly as written (numbers keep their
    /// spelling: <c>1</c> and <c>1.0</c> are different labels); the empty field is a problem.
    /// </summary>
    Label = 0,

    /// <summary>A finite double such as a score, probability or weight; NaN, infinities and empty fields are problems.</summary>
    Number = 1,

    /// <summary>A sample weight: a finite number &gt;= 0.</summary>
    Weight = 2,

    /// <summary>A multilabel indicator cell: 0 or 1.</summary>
    Indicator = 3,

    /// <summary>A count: a whole number &gt;= 0.</summary>
    Count = 4,
}

/// <summary>The extra rule each numeric column kind adds to "a finite number", checked where the value is parsed.</summary>
internal static class NumberRules
{
    /// <summary>Why <paramref name="value"/> breaks the rule of <paramref name="kind"/>, or null when it is fine.</summary>
    public static string? Violation(ColumnKind kind, double value) => kind switch
    {
        ColumnKind.Weight when value < 0 => "is negative; expected a sample weight >= 0",
        ColumnKind.Indicator when value is not (0 or 1) => "is not 0 or 1; multilabel indicator cells must be 0 or 1",
        ColumnKind.Count when value < 0 || value != Math.Floor(value) || value > 9007199254740992.0 => "is not a whole number >= 0; expected a count such as 12",
        _ => null,
    };
}

/// <summary>One column a command asks for: its name in the file's header and how to read it.</summary>
/// <param name="Name">The column name exactly as in the header (case-sensitive).</param>
/// <param name="Kind">Read as labels or as numbers. A column may be asked for once of each kind.</param>
internal readonly record struct ColumnSpec(string Name, ColumnKind Kind)
{
    /// <summary>A label column.</summary>
    public static ColumnSpec Label(string name) => new(name, ColumnKind.Label);

    /// <summary>A number column.</summary>
    public static ColumnSpec Number(string name) => new(name, ColumnKind.Number);
}
