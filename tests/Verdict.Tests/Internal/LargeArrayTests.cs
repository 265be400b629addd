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

    [Theory]
    [InlineData(10)]
    [InlineData(262_143)]
    [InlineData(262_144)]
    [InlineData(3_000_001)]
    public void AllocateAligned_AnySize_UsableSegmentOfThatLength_HugePageAlignedFrom2MiB(int length)
    {
        ArraySegment<double> segment = LargeArray.AllocateAligned<double>(length);

        Assert.Equal(length, segment.Count);
        Assert.True(segment.Offset + segment.Count <= segment.Array!.Length);
        Span<double> span = segment.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = i;
        }

        Assert.Equal(length - 1, segment.Array[segment.Offset + length - 1]);
        if (OperatingSystem.IsLinux() && (long)length * 8 >= 2 << 20)
        {
            // The array is pinned, so its address is stable.
            nint start = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array, segment.Offset);
            Assert.Equal(0, (long)start % (2 << 20));
        }
        else
        {
            Assert.Equal(0, segment.Offset);
        }
    }

    [Fact]
    public void AllocateAligned_EvenIfSmall_StartsOnAHugePage()
    {
        ArraySegment<int> segment = LargeArray.AllocateAligned<int>(1000, evenIfSmall: true);

        Assert.Equal(1000, segment.Count);
        segment.AsSpan().Fill(7);
        Assert.Equal(7, segment.Array![segment.Offset + 999]);
        if (OperatingSystem.IsLinux())
        {
            nint start = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array, segment.Offset);
            Assert.Equal(0, (long)start % LargeArray.HugePageBytes);
        }
    }
}
