using System.Globalization;
using System.Text;

namespace Verdict.Gates;

/// <summary>
/// The verdict as GitHub-flavoured Markdown for CI job summaries and pull-request comments: a heading with the
/// one-line verdict, the rule table, and the notes.
/// </summary>
public static class GateMarkdown
{
    /// <summary>Renders <paramref name="verdict"/> with <paramref name="digits"/> decimals.</summary>
    public static string Render(GateVerdict verdict, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sb = new StringBuilder();
        sb.Append(verdict.Passed ? "### ✅ Verdict gate passed" : "### ❌ Verdict gate failed");
        sb.Append("\n\n**").Append(Escape(verdict.Summary)).Append("**\n\n");
        var context = new List<string>();
        if (verdict.Source is not null)
        {
            context.Add($"data `{verdict.Source}`");
        }

        if (verdict.Spec is not null)
        {
            context.Add($"spec `{verdict.Spec}`");
        }

        if (verdict.BaselineSource is not null)
        {
            context.Add($"baseline `{verdict.BaselineSource}`");
        }

        if (verdict.Threshold is not null)
        {
            context.Add("threshold " + Escape(verdict.Threshold.ToText(digits)));
        }

        if (context.Count > 0)
        {
            sb.Append(string.Join(" · ", context)).Append("\n\n");
        }

        bool baseline = verdict.HasBaseline;
        sb.Append(baseline
            ? "| rule | value | bound | margin | baseline | change | max drop | result |\n|---|---:|---:|---:|---:|---:|---:|---|\n"
            : "| rule | value | bound | margin | result |\n|---|---:|---:|---:|---|\n");
        foreach (RuleResult r in verdict.Rules)
        {
            sb.Append("| ").Append(string.Join(" | ", GateCells.Row(r, digits, baseline, markdown: true))).Append(" |\n");
        }

        IReadOnlyList<string> notes = GateCells.Notes(verdict);
        if (notes.Count > 0)
        {
            sb.Append("\n<details><summary>Notes</summary>\n\n");
            foreach (string note in notes)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- {Escape(note)}\n");
            }

            sb.Append("\n</details>\n");
        }

        return sb.ToString();
    }

    /// <summary>Escapes the characters that would break a table cell or start markup.</summary>
    internal static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace("*", "\\*", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal)
        .Replace("[", "\\[", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
