using System.Globalization;
using System.Numerics;
using System.Text;

namespace Verdict.Internal;

/// <summary>Python's number formatting, so text reports match scikit-learn's character for character.</summary>
internal static class PyFormat
{
    /// <summary>
    /// Python's <c>format(x, '.{digits}f')</c>: the exact binary value rounded half-to-even to
    /// <paramref name="digits"/> decimals ("nan", "inf" as Python writes them).
    /// </summary>
    public static string Fixed(double x, int digits)
    {
        if (double.IsNaN(x))
        {
            return "nan";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "inf" : "-inf";
        }

        bool negative = double.IsNegative(x);
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075; // value = mantissa * 2^exponent
        BigInteger scaled;
        BigInteger pow10 = BigInteger.Pow(10, digits);
        if (exponent >= 0)
        {
            scaled = (new BigInteger(mantissa) << exponent) * pow10;
        }
        else
        {
            BigInteger numerator = new BigInteger(mantissa) * pow10;
            BigInteger denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
            int cmp = (remainder * 2).CompareTo(denominator);
            if (cmp > 0 || (cmp == 0 && !scaled.IsEven))
            {
                scaled += 1;
            }
        }

        string text = scaled.ToString(CultureInfo.InvariantCulture);
        if (digits > 0)
        {
            text = text.PadLeft(digits + 1, '0');
            text = string.Concat(text.AsSpan(0, text.Length - digits), ".", text.AsSpan(text.Length - digits));
        }

        return negative ? "-" + text : text;
    }

    /// <summary>
    /// Python's <c>repr(float)</c>: the shortest text that round-trips, in positional notation when the decimal
    /// exponent is in [-4, 16) (always with a decimal point, e.g. "60.0"), otherwise as "1e-05" / "1.5e+16".
    /// </summary>
    public static string Repr(double x)
    {
        if (double.IsNaN(x))
        {
            return "nan";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "inf" : "-inf";
        }

        if (x == 0)
        {
            return double.IsNegative(x) ? "-0.0" : "0.0";
        }

        // Shortest round-trip digits, then laid out by Python's rules.
        string shortest = Math.Abs(x).ToString("R", CultureInfo.InvariantCulture);
        (string digitsText, int exp10) = Decompose(shortest);
        var sb = new StringBuilder();
        if (x < 0)
        {
            sb.Append('-');
        }

        if (exp10 >= -4 && exp10 < 16)
        {
            if (exp10 >= 0)
            {
                string intPart = digitsText.Length > exp10 + 1 ? digitsText[..(exp10 + 1)] : digitsText.PadRight(exp10 + 1, '0');
                string frac = digitsText.Length > exp10 + 1 ? digitsText[(exp10 + 1)..] : "0";
                sb.Append(intPart).Append('.').Append(frac);
            }
            else
            {
                sb.Append("0.").Append('0', -exp10 - 1).Append(digitsText);
            }
        }
        else
        {
            sb.Append(digitsText[0]);
            if (digitsText.Length > 1)
            {
                sb.Append('.').Append(digitsText, 1, digitsText.Length - 1);
            }

            sb.Append('e').Append(exp10 < 0 ? '-' : '+').Append(Math.Abs(exp10).ToString("00", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Python's <c>str()</c> of a support value: an integer when counts, a float repr when weight sums.</summary>
    public static string Support(double value, bool weighted) =>
        weighted ? Repr(value) : ((long)value).ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits .NET's shortest round-trip text into significant digits (no leading/trailing zeros) and a decimal exponent.</summary>
    private static (string Digits, int Exponent) Decompose(string s)
    {
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? s[..dot] : s;
        string fracPart = dot >= 0 ? s[(dot + 1)..] : string.Empty;
        string all = intPart + fracPart;
        int pointPos = intPart.Length; // digits before the decimal point
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        string digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        int exponent = pointPos - lead - 1 + exp;
        return (digits, exponent);
    }

    /// <summary>Python's right-alignment <c>{:>{width}}</c>, counting code points as Python does.</summary>
    public static string PadLeft(string s, int width)
    {
        int length = CodePoints(s);
        return length >= width ? s : new string(' ', width - length) + s;
    }

    /// <summary>Python's <c>len()</c> of a string: Unicode code points.</summary>
    public static int CodePoints(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (!char.IsLowSurrogate(s[i]))
            {
                n++;
            }
        }

        return n;
    }
}
