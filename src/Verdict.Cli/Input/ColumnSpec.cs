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
