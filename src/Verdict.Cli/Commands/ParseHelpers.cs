using System.Globalization;
using Verdict.Evaluation;
using Verdict.Scores;

namespace Verdict.Cli.Commands;

/// <summary>String-to-option parsing for the command line; the library takes enums and records only.</summary>
internal static class ParseHelpers
{
    public static ZeroDivision ZeroDivision(string? text) => text?.ToLowerInvariant() switch
    {
        null or "zero" or "0" => Scores.ZeroDivision.Zero,
        "one" or "1" => Scores.ZeroDivision.One,
        "nan" => Scores.ZeroDivision.NaN,
        _ => throw new CliException($"--zero-division '{text}' is not one of zero, one, nan"),
    };

    public static TaskKind? Task(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "binary" => TaskKind.Binary,
        "multiclass" => TaskKind.Multiclass,
        "multilabel" => TaskKind.Multilabel,
        _ => throw new CliException($"--task '{text}' is not one of binary, multiclass, multilabel"),
    };

    public static string Format(string? text, params string[] allowed)
    {
        string f = (text ?? allowed[0]).ToLowerInvariant();
        if (!allowed.Contains(f))
        {
            throw new CliException($"--format '{text}' is not one of {string.Join(", ", allowed)}");
        }

        return f;
    }

    /// <summary>A comma-separated list; empty items are an error.</summary>
    public static string[]? List(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(i => i.Length == 0))
        {
            throw new CliException($"{option} '{text}' has an empty item; give a comma-separated list such as a,b,c");
        }

        return items;
    }

    public static int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new CliException($"{option}: '{text}' is not a positive whole number");

    public static double Probability(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && v <= 1
            ? v
            : throw new CliException($"{option}: '{text}' is not a number in [0, 1]");

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
