using System.Globalization;
using System.Numerics;
using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public class Utf8DoubleTests
{
    private static void AssertSameAsBcl(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        bool expectedOk = double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
        bool actualOk = Utf8Double.TryParse(utf8, out double actual);
        Assert.True(expectedOk == actualOk, $"'{text}': {expectedOk} vs {actualOk}");
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"'{text}': {expected:R} vs {actual:R}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+0.0")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-.5e-3")]
    [InlineData("1E+5")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1..2")]
    [InlineData("--1")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e-400")]
    [InlineData("4.9e-324")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.2250738585072014e-308")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("9007199254740993")]
    [InlineData("9007199254740995")]
    [InlineData("9223372036854775807")]
    [InlineData("18446744073709551615")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.30000000000000004")]
    [InlineData("1e23")]
    [InlineData("9.999999999999999e22")]
    [InlineData("0.000000000000000000000000000001")]
    [InlineData("00000000000000000000000000001.5")]
    [InlineData("1e100001")]
    [InlineData("12345678/")]
    [InlineData("0.12345678:")]
    [InlineData("0.1234567/9")]
    [InlineData("00000000000000000000")]
    [InlineData("0.00000000000000000000000000000000000000000000000000000000123")]
    [InlineData("1234567890123456789")]
    [InlineData("12345678901234567890")]
    [InlineData("99999999999999999999999")]
    [InlineData("0.9999999999999999999")]
    [InlineData("123456781234567812345678.5")]
    public void TryParse_EdgeCases_SameAsDoubleTryParse(string text) => AssertSameAsBcl(text);

    [Fact]
    public void TryParse_RandomDoubles_SameAsDoubleTryParse()
    {
        var random = new Random(3);
        string[] formats = ["R", "E16", "G17", "F6", "E3"];
        for (int i = 0; i < 50_000; i++)
        {
            double d = (i % 4) switch
            {
                0 => random.NextDouble(),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEFFFFFFFFFFFFF)),
                2 => random.NextDouble() * Math.Pow(10, random.Next(-30, 30)),
                _ => Math.Round(random.NextDouble(), random.Next(0, 15)),
            };
            AssertSameAsBcl(d.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void TryParse_RandomDigitStrings_SameAsDoubleTryParse()
    {
        var random = new Random(5);
        var sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++)
        {
            sb.Clear();
            int length = random.Next(1, 22);
            for (int k = 0; k < length; k++)
            {
                sb.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(2) == 0)
            {
                sb.Insert(random.Next(sb.Length + 1), '.');
            }

            if (random.Next(2) == 0)
            {
                sb.Append('e').Append(random.Next(-340, 320));
            }

            AssertSameAsBcl(sb.ToString());
        }
    }

    [Fact]
    public void TryParse_HalfwayIntegers_RoundToEvenLikeDoubleParse()
    {
        var random = new Random(9);
        for (int i = 0; i < 20_000; i++)
        {
            double a = Math.Pow(2, 53 + (random.NextDouble() * 10));
            double b = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) + 1);
            BigInteger middle = (new BigInteger(a) + new BigInteger(b)) / 2;
            string text = middle.ToString(CultureInfo.InvariantCulture);
            AssertSameAsBcl(text);
            AssertSameAsBcl((middle + 1).ToString(CultureInfo.InvariantCulture));
            AssertSameAsBcl((middle - 1).ToString(CultureInfo.InvariantCulture));
            AssertSameAsBcl(text[..^3] + "." + text[^3..] + "e3");
        }
    }

    [Fact]
    public void TryParseFast_TypicalScores_TakeTheFastPath()
    {
        Assert.True(Utf8Double.TryParseFast("0.5692038748222122"u8, out double a));
        Assert.Equal(0.5692038748222122, a);
        Assert.True(Utf8Double.TryParseFast("0.0005760849321575789"u8, out double b));
        Assert.Equal(double.Parse("0.0005760849321575789", CultureInfo.InvariantCulture), b);
        Assert.False(Utf8Double.TryParseFast("NaN"u8, out _));
    }
}
