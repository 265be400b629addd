using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Verdict.Internal;

namespace Verdict.Gates;

/// <summary>
/// The verdict as JUnit XML for CI test panels: one <c>&lt;testsuite name="verdict gate"&gt;</c> inside
/// <c>&lt;testsuites&gt;</c>, one <c>&lt;testcase&gt;</c> per rule (name "recall[fraud] &gt;= 0.7"), a
/// <c>&lt;failure&gt;</c> for each failed rule and <c>&lt;skipped&gt;</c> for each ignored one; the one-line verdict
/// and the notes go to <c>&lt;system-out&gt;</c>.
/// </summary>
public static class GateJUnit
{
    /// <summary>Renders <paramref name="verdict"/> as a JUnit XML document.</summary>
    public static XDocument Render(GateVerdict verdict, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        string suiteName = verdict.Spec is null ? "verdict gate" : $"verdict gate ({verdict.Spec})";
        string className = "verdict.gate" + (verdict.Source is null ? string.Empty : "." + verdict.Source);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", verdict.Rules.Count),
            new XAttribute("failures", verdict.FailedCount),
            new XAttribute("errors", 0),
            new XAttribute("skipped", verdict.IgnoredCount),
            new XAttribute("time", "0"));
        var properties = new XElement("properties");
        if (verdict.Source is not null)
        {
            properties.Add(Property("data", verdict.Source));
        }

        if (verdict.BaselineSource is not null)
        {
            properties.Add(Property("baseline", verdict.BaselineSource));
        }

        if (verdict.Threshold is not null)
        {
            properties.Add(Property("threshold", verdict.Threshold.Threshold.ToString("R", CultureInfo.InvariantCulture)));
            properties.Add(Property("threshold_chosen_by", verdict.Threshold.Description));
        }

        if (properties.HasElements)
        {
            suite.Add(properties);
        }

        foreach (RuleResult r in verdict.Rules)
        {
            string name = r.Min is null && r.Max is null ? r.Name : $"{r.Name} {r.BoundText}";
            var testCase = new XElement("testcase",
                new XAttribute("classname", className),
                new XAttribute("name", name),
                new XAttribute("time", "0"));
            string detail = Detail(r, digits);
            switch (r.Outcome)
            {
                case RuleOutcome.Failed:
                    testCase.Add(new XElement("failure",
                        new XAttribute("message", FailureMessage(r, digits)),
                        new XAttribute("type", "GateRuleFailed"),
                        detail));
                    break;
                case RuleOutcome.Ignored:
                    testCase.Add(new XElement("skipped", new XAttribute("message", r.Note ?? "ignored")));
                    break;
                default:
                    testCase.Add(new XElement("system-out", detail));
                    break;
            }

            suite.Add(testCase);
        }

        var output = new StringBuilder(verdict.Summary);
        foreach (string note in GateCells.Notes(verdict))
        {
            output.Append('\n').Append(note);
        }

        suite.Add(new XElement("system-out", output.ToString()));
        var root = new XElement("testsuites",
            new XAttribute("name", "verdict gate"),
            new XAttribute("tests", verdict.Rules.Count),
            new XAttribute("failures", verdict.FailedCount),
            new XAttribute("errors", 0),
            new XAttribute("skipped", verdict.IgnoredCount),
            new XAttribute("time", "0"),
            suite);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>The JUnit XML as text, with an XML declaration.</summary>
    public static string ToText(GateVerdict verdict, int digits = 4)
    {
        XDocument doc = Render(verdict, digits);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            doc.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string FailureMessage(RuleResult r, int digits)
    {
        if (r.Metric is null)
        {
            return r.Note ?? r.Name;
        }

        if (r.IsUndefined)
        {
            return $"{r.Name} is undefined";
        }

        var parts = new List<string>();
        if (r.Min is double lo && r.Value < lo)
        {
            parts.Add($"{r.Name} = {PyFormat.Fixed(r.Value, digits)}, below the floor {RuleResult.Num(lo)}");
        }

        if (r.Max is double hi && r.Value > hi)
        {
            parts.Add($"{r.Name} = {PyFormat.Fixed(r.Value, digits)}, above the ceiling {RuleResult.Num(hi)}");
        }

        if (r.Baseline is { Passed: false } b)
        {
            parts.Add(double.IsNaN(b.Drop)
                ? $"{r.Name}: {b.Note}"
                : $"{r.Name} dropped {PyFormat.Fixed(b.Drop, digits)} from the baseline {PyFormat.Fixed(b.Baseline, digits)} (allowed {RuleResult.Num(b.MaxDrop!.Value)})");
        }

        return parts.Count > 0 ? string.Join("; ", parts) : r.Name + " failed";
    }

    private static string Detail(RuleResult r, int digits)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"value: {(r.IsUndefined ? "undefined" : PyFormat.Fixed(r.Value, digits))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"bound: {r.BoundText}\n");
        if (!double.IsNaN(r.Margin))
        {
            sb.Append(CultureInfo.InvariantCulture, $"margin: {GateCells.Signed(r.Margin, digits)}\n");
        }

        if (r.Baseline is { } b)
        {
            sb.Append(CultureInfo.InvariantCulture, $"baseline: {(double.IsNaN(b.Baseline) ? "undefined" : PyFormat.Fixed(b.Baseline, digits))}");
            if (!double.IsNaN(b.Change))
            {
                sb.Append(CultureInfo.InvariantCulture, $", change {GateCells.Signed(b.Change, digits)}");
            }

            if (b.MaxDrop is double d)
            {
                sb.Append(CultureInfo.InvariantCulture, $", max drop {RuleResult.Num(d)}");
            }

            sb.Append('\n');
        }

        if (r.Note is not null)
        {
            sb.Append(r.Note).Append('\n');
        }

        return sb.ToString();
    }
}
