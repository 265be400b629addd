using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public class GrowableArrayTests
{
    [Fact]
    public void GrowableArray_GrowsAndTrimsToExactLength()
    {
        var values = new GrowableArray<int>(16);
        for (int i = 0; i < 1_000_000; i++)
        {
            values.Add(i);
        }

        int[] exact = values.ToArray();

        Assert.Equal(1_000_000, exact.Length);
        Assert.Equal(999_999, exact[^1]);
        Assert.Equal(Enumerable.Range(0, 1000), exact.Take(1000));
    }
}
