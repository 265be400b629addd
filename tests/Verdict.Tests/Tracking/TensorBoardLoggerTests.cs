using Verdict.Tracking;
using static Verdict.Tests.Tracking.TensorBoardEventReader;

namespace Verdict.Tests.Tracking;

public sealed class TensorBoardLoggerTests : IDisposable
{
    private static readonly DateTimeOffset Time = new(2025, 6, 1, 12, 0, 0, 250, TimeSpan.Zero);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dir(string name) => Path.Combine(_temp.Path, name);

    [Fact]
    public void Crc32C_CheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, BitwiseCrc32C("123456789"u8));
    }

    [Fact]
    public void Crc32C_Rfc3720Vectors()
    {
        // RFC 3720 (iSCSI) appendix B.4: 32 bytes of zeros, of ones, ascending.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Crc32C_TableAgreesWithTheReadersBitwiseCrc_OnEveryLength0To256()
    {
        var random = new Random(7);
        for (int n = 0; n <= 256; n++)
        {
            byte[] data = new byte[n];
            random.NextBytes(data);
            Assert.Equal(BitwiseCrc32C(data), Crc32C.Compute(data));
            Assert.Equal(MaskedCrc(data), Crc32C.Masked(data));
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xE3069283u)]
    [InlineData(0xFFFFFFFFu)]
    public void Mask_IsRotateRight15PlusDelta_AndUnmaskInverts(uint crc)
    {
        uint expected = unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);

        Assert.Equal(expected, Crc32C.Mask(crc));
        Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
    }

    [Fact]
    public void EventProto_Scalar_ExactBytes()
    {
        byte[] e = EventProto.Scalar(1.5, 2, "a", 1f);

        Assert.Equal(
            new byte[]
            {
                0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, // wall_time = 1.5 (field 1, fixed64)
                0x10, 0x02,                          // step = 2 (field 2, varint)
                0x2A, 0x0A,                          // summary (field 5, 10 bytes)
                0x0A, 0x08,                          //   value (field 1, 8 bytes)
                0x0A, 0x01, (byte)'a',               //     tag = "a"
                0x15, 0, 0, 0x80, 0x3F,              //     simple_value = 1.0f (field 2, fixed32)
            },
            e);
    }

    [Fact]
    public void EventProto_FileVersion_ExactBytes()
    {
        byte[] e = EventProto.FileVersion(0);

        Assert.Equal([0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x1A, 13, .. "brain.Event:2"u8.ToArray()], e);
    }

    [Fact]
    public void LogReport_FileReadBack_EveryKeyValueStepAndWallTime()
    {
        RunMetrics expected = RunMetrics.FromReport(TrackingSamples.Report());
        string path;
        using (var tb = new TensorBoardLogger(Dir("tb"), () => Time, host: "build host"))
        {
            tb.LogReport(TrackingSamples.Report(), step: 12);
            tb.LogMetric("undefined", double.NaN, step: 12);
            tb.LogMetric("up", double.PositiveInfinity, step: 12);
            tb.Finish();
            path = tb.Path;
        }

        Assert.Equal($"events.out.tfevents.{Time.ToUnixTimeSeconds()}.build_host", Path.GetFileName(path));
        EventFile file = Read(File.ReadAllBytes(path));
        Assert.Equal("brain.Event:2", file.FileVersion);
        Assert.Equal(1748779200.25, file.FileVersionWallTime);
        Assert.Equal([.. expected.All.Select(m => m.Key), "undefined", "up"], file.Scalars.Select(s => s.Tag));
        Assert.All(file.Scalars, s => Assert.Equal(12, s.Step));
        Assert.All(file.Scalars, s => Assert.Equal(1748779200.25, s.WallTime));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal((float)expected.All[i].Value, file.Scalars[i].Value);
        }

        Assert.Equal((float)(2.0 / 3), file.Scalars.Single(s => s.Tag == "f1_fraud").Value);
        Assert.True(float.IsNaN(file.Scalars[^2].Value));
        Assert.Equal(float.PositiveInfinity, file.Scalars[^1].Value);
    }

    [Fact]
    public void LogMetric_SeveralSteps_OneScalarEachInOrder_ParamsAndTagsNotWritten()
    {
        string path;
        using (var tb = new TensorBoardLogger(Dir("steps"), () => Time, host: "h"))
        {
            tb.LogParam("model", "xgb");
            tb.SetTag("team", "risk");
            for (int step = 0; step < 3; step++)
            {
                tb.LogMetric("loss", 1.0 / (step + 1), step);
            }

            path = tb.Path;
        }

        EventFile file = Read(File.ReadAllBytes(path));
        Assert.Equal([("loss", 0L, 1f), ("loss", 1L, 0.5f), ("loss", 2L, 1f / 3)], file.Scalars.Select(s => (s.Tag, s.Step, s.Value)));
    }

    [Fact]
    public void LogMetric_IsOnDiskBeforeFinish()
    {
        using var tb = new TensorBoardLogger(Dir("live"), () => Time, host: "h");
        tb.LogMetric("loss", 0.5, 3);

        using var read = new FileStream(tb.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        byte[] bytes = new byte[read.Length];
        read.ReadExactly(bytes);
        Assert.Equal(("loss", 3L, 0.5f), Read(bytes).Scalars.Select(s => (s.Tag, s.Step, s.Value)).Single());
    }

    [Fact]
    public void SameSecondTwice_TwoFiles()
    {
        using var a = new TensorBoardLogger(Dir("tb2"), () => Time, host: "h");
        using var b = new TensorBoardLogger(Dir("tb2"), () => Time, host: "h");

        Assert.Equal(a.Path + ".1", b.Path);
    }

    [Fact]
    public void Reader_CorruptByte_IsDetected()
    {
        string path;
        using (var tb = new TensorBoardLogger(Dir("tb3"), () => Time, host: "h"))
        {
            tb.LogMetric("a", 1);
            tb.Finish();
            path = tb.Path;
        }

        byte[] bytes = File.ReadAllBytes(path);
        Read(bytes);
        bytes[^6] ^= 0x01;

        Assert.Throws<InvalidDataException>(() => Read(bytes));
    }

    [Fact]
    public void Folder_IsAFile_ThrowsIOException()
    {
        string blocker = Path.Combine(_temp.Path, "blocker");
        File.WriteAllText(blocker, "x");

        Assert.ThrowsAny<IOException>(() => new TensorBoardLogger(Path.Combine(blocker, "tb")));
    }

    [Fact]
    public void AfterFinish_LoggingThrows()
    {
        using var tb = new TensorBoardLogger(Dir("done"), () => Time, host: "h");
        tb.Finish(RunStatus.Killed);

        Assert.Throws<InvalidOperationException>(() => tb.LogMetric("a", 1));
        Assert.Throws<InvalidOperationException>(() => tb.Finish());
    }
}
