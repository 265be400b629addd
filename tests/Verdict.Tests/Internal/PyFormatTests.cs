using Verdict.Internal;

namespace Verdict.Tests.Internal;

public sealed class PyFormatTests
{
    [Theory]
    [InlineData(0.125, 2, "0.12")]      // exact tie: half to even, as Python
    [InlineData(0.375, 2, "0.38")]
    [InlineData(2.675, 2, "2.67")]      // binary value is just below 2.675
    [InlineData(0.98870056497175141, 4, "0.9887")]
    [InlineData(1.0, 3, "1.000")]
    [InlineData(0.0, 2, "0.00")]
    [InlineData(-0.5, 0, "-0")]
    [InlineData(double.NaN, 2, "nan")]
    [InlineData(123456789.5, 0, "123456790")]
    public void Fixed_Values_MatchPythonFormat(double x, int digits, string expected)
    {
        Assert.Equal(expected, PyFormat.Fixed(x, digits));
    }

    [Theory]
    [InlineData(10.0, "10.0")]
    [InlineData(26.23965020963141, "26.23965020963141")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(0.1, "0.1")]
    public void Repr_Values_MatchPythonRepr(double x, string expected)
    {
        Assert.Equal(expected, PyFormat.Repr(x));
    }
}
