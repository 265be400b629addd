using System.Globalization;
using System.Text;
using Verdict.Internal;

namespace Verdict.Gates;

/// <summary>
/// The verdict as a plain-text table (rule, value, bound, margin, result; with a baseline also baseline, change and
/// allowed drop), the notes, and the one-line verdict last.
/// </summary>
/// <example>
/// <code>
/// rule           value   bound    margin  result
/// recall[fraud]  0.7526  >= 0.7  +0.0526  pass
///
/// PASS: the only rule passes
/// </code>
/// </example>
public static class GateText
{
    /// <summary>Renders <paramref name="verdict"/> with <paramref name="digits"/> decimals.</summary>
    public static string Render(GateVerdict verdict, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sb = new StringBuilder();
        sb.Append("verdict gate");
        if (verdict.Source is not null)
        {
            sb.Append(": ").Append(verdict.Source);
        }

        if (verdict.Spec is not null)
        {
            sb.Append(" against ").Append(verdict.Spec);
        }

        if (verdict.BaselineSource is not null)
        {
            sb.Append(", baseline ").Append(verdict.BaselineSource);
        }

        sb.Append('\n');
        if (verdict.Threshold is not null)
        {
            sb.Append("threshold: ").Append(verdict.Threshold.ToText(digits)).Append('\n');
        }

        sb.Append('\n');
        bool baseline = verdict.HasBaseline;
        var rows = new List<string[]>
        {
            baseline
                ? ["rule", "value", "bound", "margin", "baseline", "change", "max drop", "result"]
                : ["rule", "value", "bound", "margin", "result"],
        };
        foreach (RuleResult r in verdict.Rules)
        {
            rows.Add(GateCells.Row(r, digits, baseline, markdown: false));
        }

        int[] widths = new int[rows[0].Length];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], PyFormat.CodePoints(row[i]));
            }
        }

        foreach (string[] row in rows)
        {
            var line = new StringBuilder();
            for (int i = 0; i < row.Length; i++)
            {
                bool left = i == 0 || i == 2 || i == row.Length - 1;
                string cell = left ? row[i] + new string(' ', widths[i] - PyFormat.CodePoints(row[i])) : PyFormat.PadLeft(row[i], widths[i]);
                line.Append(i == 0 ? string.Empty : "  ").Append(cell);
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }

        IReadOnlyList<string> notes = GateCells.Notes(verdict);
        if (notes.Count > 0)
        {
            sb.Append("\nnotes:\n");
            foreach (string note in notes)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - {note}\n");
            }
        }

        sb.Append('\n').Append(verdict.Summary).Append('\n');
        return sb.ToString();
    }
}

/// <summary>Cells and notes shared by the text and Markdown renderers.</summary>
internal static class GateCells
{
    public static string[] Row(RuleResult r, int digits, bool baseline, bool markdown)
    {
        string name = markdown ? GateMarkdown.Escape(r.Name) : r.Name;
        string value = r.IsUndefined ? "undefined" : PyFormat.Fixed(r.Value, digits);
        string bound = markdown ? r.BoundText.Replace(">=", "≥", StringComparison.Ordinal).Replace("<=", "≤", StringComparison.Ordinal) : r.BoundText;
        string margin = double.IsNaN(r.Margin) ? "-" : Signed(r.Margin, digits);
        string result = (r.Outcome, markdown) switch
        {
            (RuleOutcome.Passed, false) => "pass",
            (RuleOutcome.Failed, false) => "FAIL",
            (RuleOutcome.Ignored, false) => "ignored",
            (RuleOutcome.Passed, true) => "✅ pass",
            (RuleOutcome.Failed, true) => "❌ **fail**",
            _ => "➖ ignored",
        };
        if (!baseline)
        {
            return [name, value, bound, margin, result];
        }

        BaselineChange? b = r.Baseline;
        string before = b is null ? "-" : double.IsNaN(b.Baseline) ? "undefined" : PyFormat.Fixed(b.Baseline, digits);
        string change = b is null || double.IsNaN(b.Change) ? "-" : Signed(b.Change, digits);
        string maxDrop = b?.MaxDrop is double d ? RuleResult.Num(d) : "-";
        return [name, value, bound, margin, before, change, maxDrop, result];
    }

    public static string Signed(double v, int digits)
    {
        string s = PyFormat.Fixed(v, digits);
        return s.StartsWith('-') ? s : "+" + s;
    }

    /// <summary>The rules' notes (undefined values, baseline drops), then the evaluation's notes.</summary>
    public static IReadOnlyList<string> Notes(GateVerdict verdict)
    {
        var notes = new List<string>();
        foreach (RuleResult r in verdict.Rules)
        {
            if (r.Note is not null)
            {
                notes.Add($"{r.Name}: {r.Note}");
            }

            if (r.Baseline is { } b)
            {
                if (b.Note is not null)
                {
                    notes.Add($"{r.Name}: {b.Note}");
                }
                else if (b.Passed == false)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Name}: dropped {PyFormat.Fixed(b.Drop, 6)} from the baseline's {PyFormat.Fixed(b.Baseline, 6)}, more than the allowed {RuleResult.Num(b.MaxDrop!.Value)}"));
                }
            }
        }

        notes.AddRange(verdict.Notes);
        return notes;
    }
}
