using Verdict.Internal;

namespace Verdict.Tests.Internal;

public sealed class LargeArrayTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(3_000_000)]
    public void Allocate_AnySize_UsableArrayOfThatLength(int length)
    {
        double[] array = LargeArray.Allocate<double>(length);

        Assert.Equal(length, array.Length);
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = i;
        }

        Assert.Equal(length - 1, array[^1]);
    }
}
