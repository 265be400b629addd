using System.Text;
using Verdict.Cli.Input;

namespace Verdict.Cli.Tests.Input;

public class ByteInternerTests
{
    [Fact]
    public void GetOrAdd_FirstSeenOrder_SameCodeForSameBytes()
    {
        var interner = new ByteInterner();

        Assert.Equal(0, interner.GetOrAdd("b"u8));
        Assert.Equal(1, interner.GetOrAdd("a"u8));
        Assert.Equal(0, interner.GetOrAdd("b"u8));
        Assert.Equal(2, interner.GetOrAdd(""u8));
        Assert.Equal(3, interner.GetOrAdd("a longer label than eight bytes"u8));
        Assert.Equal(3, interner.GetOrAdd("a longer label than eight bytes"u8));
        Assert.Equal(["b", "a", "", "a longer label than eight bytes"], interner.ToStrings());
    }

    [Fact]
    public void GetOrAdd_ManyKeys_StableAcrossGrowth()
    {
        var interner = new ByteInterner();
        for (int i = 0; i < 100_000; i++)
        {
            Assert.Equal(i, interner.GetOrAdd(Encoding.UTF8.GetBytes("k" + i)));
        }

        for (int i = 0; i < 100_000; i += 7)
        {
            Assert.Equal(i, interner.GetOrAdd(Encoding.UTF8.GetBytes("k" + i)));
        }

        Assert.Equal(100_000, interner.Count);
    }

    [Fact]
    public void GetOrAdd_KeysDifferingOnlyInLengthOrZeros_Distinct()
    {
        var interner = new ByteInterner();
        byte[][] keys = [[0], [0, 0], [], [1, 0], [1], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]];

        int[] codes = keys.Select(k => interner.GetOrAdd(k)).ToArray();

        Assert.Equal(Enumerable.Range(0, keys.Length), codes);
    }

    [Fact]
    public void Finish_InvalidUtf8DecodingAlike_MergedIntoOneValue()
    {
        var interner = new ByteInterner();
        int[] codes = [interner.GetOrAdd([0xFF]), interner.GetOrAdd("x"u8), interner.GetOrAdd([0xFE]), interner.GetOrAdd([0xFF])];

        LabelColumn column = Verdict.Cli.Input.TableBuilder.Finish("c", codes, interner);

        Assert.Equal(["\uFFFD", "x"], column.Values);
        Assert.Equal([0, 1, 0, 0], column.Codes);
    }
}
