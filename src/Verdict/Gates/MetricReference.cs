using System.Globalization;
using System.Text;

namespace Verdict.Gates;

/// <summary>
/// One value a gate can read: a metric, its parameter (fbeta's β, top_k_accuracy's k), and an average or a class
/// (or every class). Its <see cref="Key"/> names it in verdicts and in a baseline's <c>max_drop</c>:
/// <c>metric[:parameter][@average][[class]]</c>.
/// </summary>
/// <param name="Metric">The metric's documented name (see <see cref="MetricCatalog"/>).</param>
/// <param name="Parameter">β for fbeta, k for top_k_accuracy; otherwise null.</param>
/// <param name="Average">The average, or <see cref="MetricAverage.None"/>.</param>
/// <param name="Class">One class (label name), or null.</param>
/// <param name="EachClass">One rule per class of the data (<c>class: each</c>).</param>
/// <example>
/// <code>
/// new MetricReference("f1", Average: MetricAverage.Macro).Key;     // "f1@macro"
/// new MetricReference("recall", Class: "fraud").Key;               // "recall[fraud]"
/// new MetricReference("fbeta", 2, MetricAverage.Weighted).Key;     // "fbeta:2@weighted"
/// MetricReference.TryParse("f1[each]", out var r, out _);         // r.EachClass == true
/// </code>
/// </example>
public sealed record MetricReference(string Metric, double? Parameter = null, MetricAverage Average = MetricAverage.None,
                                     string? Class = null, bool EachClass = false)
{
    /// <summary>The name in verdicts and baseline keys: "f1@macro", "recall[fraud]", "roc_auc", "f1[each]".</summary>
    public string Key
    {
        get
        {
            var sb = new StringBuilder(Metric);
            if (Parameter is double p)
            {
                sb.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
            }

            if (Average is not MetricAverage.None and not MetricAverage.Binary)
            {
                sb.Append('@').Append(MetricCatalog.AverageName(Average));
            }

            if (EachClass)
            {
                sb.Append("[each]");
            }
            else if (Class is not null)
            {
                sb.Append('[').Append(Class).Append(']');
            }

            return sb.ToString();
        }
    }

    /// <summary>The same reference for one class (expanding <see cref="EachClass"/>).</summary>
    public MetricReference ForClass(string name) => this with { Class = name, EachClass = false, Average = MetricAverage.None };

    /// <inheritdoc/>
    public override string ToString() => Key;

    /// <summary>
    /// Parses a key written as <see cref="Key"/> writes it. Only the syntax is checked here: whether the metric,
    /// average and class exist is the caller's check (with <see cref="MetricCatalog"/> and the data's labels).
    /// </summary>
    public static bool TryParse(string key, out MetricReference? reference, out string? error)
    {
        ArgumentNullException.ThrowIfNull(key);
        reference = null;
        string rest = key.Trim();
        string? cls = null;
        bool each = false;
        if (rest.EndsWith(']'))
        {
            int open = rest.IndexOf('[', StringComparison.Ordinal);
            if (open <= 0)
            {
                error = $"'{key}' has a ']' without '['; write metric[class], e.g. recall[fraud]";
                return false;
            }

            cls = rest[(open + 1)..^1];
            rest = rest[..open];
            if (cls.Length == 0)
            {
                error = $"'{key}' names an empty class; write metric[class], e.g. recall[fraud]";
                return false;
            }

            if (cls == "each")
            {
                each = true;
                cls = null;
            }
        }

        MetricAverage average = MetricAverage.None;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            string name = rest[(at + 1)..];
            rest = rest[..at];
            if (MetricCatalog.FindAverage(name) is not MetricAverage a)
            {
                error = $"'{key}': '{name}' is not an average; the averages are {string.Join(", ", MetricCatalog.AverageNameList)}";
                return false;
            }

            average = a;
        }

        double? parameter = null;
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            string p = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                error = $"'{key}': '{p}' is not a number; write e.g. fbeta:2@macro or top_k_accuracy:3";
                return false;
            }

            parameter = v;
        }

        if (rest.Length == 0)
        {
            error = $"'{key}' names no metric";
            return false;
        }

        if ((cls is not null || each) && average != MetricAverage.None)
        {
            error = $"'{key}' names both an average and a class; use one";
            return false;
        }

        reference = new MetricReference(rest, parameter, average, cls, each);
        error = null;
        return true;
    }
}
