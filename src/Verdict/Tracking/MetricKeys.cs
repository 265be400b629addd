using System.Globalization;
using System.Text;

namespace Verdict.Tracking;

/// <summary>
/// Tracking keys that MLflow accepts and TensorBoard shows: ASCII letters, digits, <c>_</c>, <c>-</c> and <c>.</c>,
/// at most 250 characters. Every other character (spaces, slashes, accents, ...) becomes <c>_</c>, so the label
/// "card not present" gives <c>precision_card_not_present</c>. Keys are unique within a run: a key that a
/// sanitised label would repeat gets <c>_2</c>, <c>_3</c>, ... appended.
/// </summary>
/// <remarks>An instance remembers the keys it handed out (one instance per run); it is not thread-safe.</remarks>
/// <example>
/// <code>
/// var keys = new MetricKeys();
/// keys.PerClass("precision", "a b", 1).Key;   // "precision_a_b"
/// keys.PerClass("precision", "a/b", 1).Key;   // "precision_a_b_2"
/// </code>
/// </example>
public sealed class MetricKeys
{
    /// <summary>MLflow's longest metric, param and tag key.</summary>
    public const int MaxLength = 250;

    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="name"/> with every character outside <c>[A-Za-z0-9_.-]</c> replaced by <c>_</c> and cut to
    /// <see cref="MaxLength"/>; an empty name becomes <c>_</c>.
    /// </summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "_";
        }

        var sb = new StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (char c in name)
        {
            if (sb.Length == MaxLength)
            {
                break;
            }

            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }

        return sb.ToString();
    }

    /// <summary>Whether <paramref name="key"/> is already a valid, sanitised key.</summary>
    public static bool IsValid(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length is > 0 and <= MaxLength && Sanitize(key) == key;
    }

    /// <summary>The sanitised <paramref name="name"/>, made unique among the keys claimed so far, and claims it.</summary>
    public string Claim(string name)
    {
        string key = Sanitize(name);
        if (_taken.Add(key))
        {
            return key;
        }

        for (int n = 2; ; n++)
        {
            string suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            string candidate = (key.Length + suffix.Length > MaxLength ? key[..(MaxLength - suffix.Length)] : key) + suffix;
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>A per-class metric under the key <c>{metric}_{class}</c>, claimed as by <see cref="Claim"/>.</summary>
    public ClassMetric PerClass(string metric, string className, double value) =>
        new(metric, className, Claim(metric + "_" + className), value);
}
