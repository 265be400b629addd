using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Verdict.Cli.Tracking;

/// <summary>A comparison in a run filter.</summary>
internal enum FilterOperator
{
    /// <summary><c>=</c>: equal (a prefix for hashes and commits).</summary>
    Equal,

    /// <summary><c>!=</c>: not equal.</summary>
    NotEqual,

    /// <summary><c>~</c>: contains (text fields).</summary>
    Contains,

    /// <summary><c>!~</c>: does not contain (text fields).</summary>
    NotContains,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,
}

/// <summary>
/// One <c>--filter FIELD OP VALUE</c> of <c>verdict runs list|export</c>: a run field (<c>command=report</c>,
/// <c>input~fraud</c>, <c>commit=6b84252</c>, <c>gate=fail</c>, <c>time&gt;=2025-01-01</c>), a tag
/// (<c>tag.team=risk</c>) or a metric key (<c>f1_macro&gt;=0.8</c>). Operators: <c>=</c> <c>!=</c> <c>~</c>
/// (contains) <c>!~</c> <c>&lt;</c> <c>&lt;=</c> <c>&gt;</c> <c>&gt;=</c>. Hashes and commits match by prefix;
/// time compares as ISO 8601 text (UTC), so <c>time&gt;=2025-06</c> works.
/// </summary>
/// <param name="Field">The field, <c>tag.KEY</c>, or a metric key.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with.</param>
internal sealed record RunFilter(string Field, FilterOperator Operator, string Value)
{
    private enum Kind
    {
        Text,
        Number,
        Hash,
    }

    private static readonly Dictionary<string, (string Column, Kind Kind)> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = ("id", Kind.Number),
        ["uid"] = ("uid", Kind.Hash),
        ["time"] = ("time", Kind.Text),
        ["command"] = ("command", Kind.Text),
        ["command_line"] = ("command_line", Kind.Text),
        ["input"] = ("input_path", Kind.Text),
        ["input_path"] = ("input_path", Kind.Text),
        ["input_size"] = ("input_size", Kind.Number),
        ["input_sha256"] = ("input_sha256", Kind.Hash),
        ["sha256"] = ("input_sha256", Kind.Hash),
        ["spec_sha256"] = ("spec_sha256", Kind.Hash),
        ["threshold"] = ("threshold", Kind.Number),
        ["averaging"] = ("averaging", Kind.Text),
        ["positive"] = ("positive", Kind.Text),
        ["task"] = ("task", Kind.Text),
        ["rows"] = ("rows", Kind.Number),
        ["gate"] = ("gate", Kind.Text),
        ["commit"] = ("git_commit", Kind.Hash),
        ["git_commit"] = ("git_commit", Kind.Hash),
        ["version"] = ("tool_version", Kind.Text),
        ["tool_version"] = ("tool_version", Kind.Text),
        ["name"] = ("name", Kind.Text),
        ["mlflow_run_id"] = ("mlflow_run_id", Kind.Hash),
    };

    /// <summary>The run fields a filter may name (besides tag.KEY and metric keys).</summary>
    public static IReadOnlyCollection<string> FieldNames => Fields.Keys;

    /// <summary>Parses <c>FIELD OP VALUE</c>, e.g. <c>f1_macro&gt;=0.8</c>.</summary>
    public static RunFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int at = text.IndexOfAny(['=', '!', '<', '>', '~']);
        if (at <= 0)
        {
            throw new CliException($"--filter '{text}' is not FIELD OP VALUE; e.g. command=report, input~fraud, gate=fail, f1_macro>=0.8, tag.team=risk");
        }

        string field = text[..at].Trim();
        char c = text[at];
        bool eq = at + 1 < text.Length && text[at + 1] == '=';
        bool tilde = at + 1 < text.Length && text[at + 1] == '~';
        (FilterOperator op, int length) = c switch
        {
            '=' => (FilterOperator.Equal, 1),
            '~' => (FilterOperator.Contains, 1),
            '!' when eq => (FilterOperator.NotEqual, 2),
            '!' when tilde => (FilterOperator.NotContains, 2),
            '<' when eq => (FilterOperator.LessOrEqual, 2),
            '<' => (FilterOperator.Less, 1),
            '>' when eq => (FilterOperator.GreaterOrEqual, 2),
            '>' => (FilterOperator.Greater, 1),
            _ => throw new CliException($"--filter '{text}': '!' must be followed by '=' or '~'"),
        };
        return new RunFilter(field, op, text[(at + length)..].Trim());
    }

    /// <summary>This filter as an SQL condition on table <c>runs</c>, adding its parameters to <paramref name="command"/>.</summary>
    internal string ToSql(SqliteCommand command, int index)
    {
        string p = "@f" + index.ToString(CultureInfo.InvariantCulture);
        if (Field.StartsWith("tag.", StringComparison.OrdinalIgnoreCase) && Field.Length > 4)
        {
            command.Parameters.AddWithValue(p + "k", Field[4..]);
            command.Parameters.AddWithValue(p, Value);
            return $"EXISTS (SELECT 1 FROM tags t WHERE t.run_id = runs.id AND t.key = {p}k AND {TextCondition("t.value", p, Kind.Text)})";
        }

        if (Fields.TryGetValue(Field, out (string Column, Kind Kind) f))
        {
            if (f.Kind == Kind.Number)
            {
                command.Parameters.AddWithValue(p, Number());
                return NumberCondition(f.Column, p);
            }

            if (Field.Equals("gate", StringComparison.OrdinalIgnoreCase) && Value.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return Operator switch
                {
                    FilterOperator.Equal => "gate IS NULL",
                    FilterOperator.NotEqual => "gate IS NOT NULL",
                    _ => throw new CliException($"--filter '{this}': gate=none and gate!=none are the only comparisons with none"),
                };
            }

            command.Parameters.AddWithValue(p, f.Kind == Kind.Hash ? Value.ToLowerInvariant() : Value);
            return TextCondition(f.Column, p, f.Kind);
        }

        if (!double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || Operator is FilterOperator.Contains or FilterOperator.NotContains)
        {
            throw new CliException($"--filter '{this}': '{Field}' is not a run field ({string.Join(", ", Fields.Keys.Order(StringComparer.Ordinal))} or tag.KEY), so it is taken as a metric key, which needs a number and one of = != < <= > >=");
        }

        command.Parameters.AddWithValue(p + "k", Field);
        command.Parameters.AddWithValue(p, Number());
        return $"EXISTS (SELECT 1 FROM metrics m WHERE m.run_id = runs.id AND m.key = {p}k AND {NumberCondition("m.value", p)})";
    }

    /// <inheritdoc/>
    public override string ToString() => Field + Operator switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Contains => "~",
        FilterOperator.NotContains => "!~",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        _ => ">=",
    } + Value;

    private double Number() =>
        double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new CliException($"--filter '{this}': {Field} is a number; '{Value}' is not");

    private string NumberCondition(string column, string p) => Operator switch
    {
        FilterOperator.Equal => $"{column} = {p}",
        FilterOperator.NotEqual => $"{column} <> {p}",
        FilterOperator.Less => $"{column} < {p}",
        FilterOperator.LessOrEqual => $"{column} <= {p}",
        FilterOperator.Greater => $"{column} > {p}",
        FilterOperator.GreaterOrEqual => $"{column} >= {p}",
        _ => throw new CliException($"--filter '{this}': {Field} is a number; use = != < <= > >="),
    };

    private string TextCondition(string column, string p, Kind kind) => Operator switch
    {
        FilterOperator.Equal when kind == Kind.Hash => $"substr({column}, 1, length({p})) = {p}",
        FilterOperator.Equal => $"{column} = {p}",
        FilterOperator.NotEqual when kind == Kind.Hash => $"({column} IS NULL OR substr({column}, 1, length({p})) <> {p})",
        FilterOperator.NotEqual => $"({column} IS NULL OR {column} <> {p})",
        FilterOperator.Contains => $"instr({column}, {p}) > 0",
        FilterOperator.NotContains => $"({column} IS NULL OR instr({column}, {p}) = 0)",
        FilterOperator.Less => $"{column} < {p}",
        FilterOperator.LessOrEqual => $"{column} <= {p}",
        FilterOperator.Greater => $"{column} > {p}",
        _ => $"{column} >= {p}",
    };
}
