using System.Globalization;
using System.Text;

namespace Verdict.Cli.Input;

/// <summary>
/// One thing wrong with an input: where (file, line, column), the offending value and what was expected.
/// Renders as e.g. <c>fraud.csv line 7, column p_fraud: 'abc' is not a number; expected a finite number such as 0.25</c>.
/// </summary>
/// <param name="File">The file as the user named it (<c>-</c> for standard input).</param>
/// <param name="Line">1-based line (the header is line 1; for JSON Lines the first object is line 1); 0 when the problem is about the whole file. For NumPy input it is the 0-based array index plus 1 (see <see cref="IsArrayIndex"/>).</param>
/// <param name="Column">The column name, or <see langword="null"/> for a whole row or file.</param>
/// <param name="Value">The offending value as text (shortened), or <see langword="null"/>.</param>
/// <param name="Message">What is wrong and what was expected, without the location.</param>
internal sealed record InputProblem(string File, long Line, string? Column, string? Value, string Message)
{
    /// <summary>The longest value shown in a message; longer values are cut and end in an ellipsis.</summary>
    public const int MaxValueLength = 60;

    /// <summary>Whether <see cref="Line"/> counts array entries (NumPy) rather than text lines: shown as <c>index {Line - 1}</c>.</summary>
    public bool IsArrayIndex { get; init; }

    /// <summary>The location then the message.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(File);
        if (Line > 0)
        {
            sb.Append(IsArrayIndex ? " index " : " line ").Append((IsArrayIndex ? Line - 1 : Line).ToString(CultureInfo.InvariantCulture));
        }

        if (Column is not null)
        {
            sb.Append(Line > 0 ? ", column " : " column ").Append(Column);
        }

        return sb.Append(": ").Append(Message).ToString();
    }

    /// <summary>Quotes a value for a message: single quotes, control characters escaped, long values shortened.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('\'');
        int shown = Math.Min(value.Length, MaxValueLength);
        for (int i = 0; i < shown; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        if (shown < value.Length)
        {
            sb.Append('…');
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>Decodes UTF-8 bytes for a message, keeping at most a few hundred bytes (enough for <see cref="Quote(string)"/> to shorten).</summary>
    public static string Shorten(ReadOnlySpan<byte> utf8)
    {
        // A UTF-16 char takes at most 3 UTF-8 bytes, so 4x the limit still decodes to more than the limit.
        ReadOnlySpan<byte> head = utf8.Length > MaxValueLength * 4 ? utf8[..(MaxValueLength * 4)] : utf8;
        return Encoding.UTF8.GetString(head);
    }
}
