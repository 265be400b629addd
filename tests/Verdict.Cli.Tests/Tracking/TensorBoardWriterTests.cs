using System.Buffers.Binary;
using System.Text;
using Verdict.Cli.Tracking;

namespace Verdict.Cli.Tests.Tracking;

public sealed class TensorBoardWriterTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Crc32C_CheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
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
    public void WriteRun_ReadBack_FramingCrcsAndEvents()
    {
        var time = new DateTimeOffset(2025, 6, 1, 12, 0, 0, 250, TimeSpan.Zero);
        RunRecord run = RunRecord.FromReport(Samples.BreastCancer(), "report") with { Time = time };
        run = run with { Metrics = [.. run.Metrics, new RunMetric("undefined", double.NaN)] };

        string path = TensorBoardWriter.WriteRun(Path.Combine(_home.Directory, "tb"), run, step: 12, host: "build host");

        Assert.Equal($"events.out.tfevents.{time.ToUnixTimeSeconds()}.build_host", Path.GetFileName(path));
        List<byte[]> records = EventFile.Records(File.ReadAllBytes(path));
        RunMetric[] metrics = [.. run.AllMetrics()];
        Assert.Equal(1 + metrics.Length, records.Count);

        var first = Proto.Parse(records[0]);
        Assert.Equal(1748779200.25, BitConverter.Int64BitsToDouble((long)first.Single(f => f.Field == 1 && f.WireType == 1).Number));
        Assert.Equal("brain.Event:2", Encoding.UTF8.GetString(first.Single(f => f.Field == 3 && f.WireType == 2).Bytes!));
        Assert.DoesNotContain(first, f => f.Field == 5);

        for (int i = 0; i < metrics.Length; i++)
        {
            var e = Proto.Parse(records[i + 1]);
            Assert.Equal([1, 2, 5], e.Select(f => f.Field));
            Assert.Equal(1748779200.25, BitConverter.Int64BitsToDouble((long)e[0].Number));
            Assert.Equal(12ul, e[1].Number);
            var summary = Proto.Parse(e[2].Bytes!);
            var value = Proto.Parse(Assert.Single(summary, f => f.Field == 1 && f.WireType == 2).Bytes!);
            Assert.Equal(metrics[i].Key, Encoding.UTF8.GetString(value.Single(f => f.Field == 1 && f.WireType == 2).Bytes!));
            float simple = BitConverter.Int32BitsToSingle((int)value.Single(f => f.Field == 2 && f.WireType == 5).Number);
            Assert.Equal((float)metrics[i].Value, simple);
            Assert.Equal(double.IsNaN(metrics[i].Value), float.IsNaN(simple));
        }

        Assert.Contains(metrics, m => double.IsNaN(m.Value));
    }

    [Fact]
    public void WriteRun_SameSecondTwice_TwoFiles()
    {
        RunRecord run = Runs.Make(1);
        string dir = Path.Combine(_home.Directory, "tb2");

        string a = TensorBoardWriter.WriteRun(dir, run, 0, "h");
        string b = TensorBoardWriter.WriteRun(dir, run, 1, "h");

        Assert.NotEqual(a, b);
        Assert.Equal(a + ".1", b);
        Assert.Equal(1 + run.AllMetrics().Count(), EventFile.Records(File.ReadAllBytes(b)).Count);
    }

    [Fact]
    public void Records_CorruptByte_IsDetected()
    {
        string path = TensorBoardWriter.WriteRun(Path.Combine(_home.Directory, "tb3"), Runs.Make(1), 0, "h");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^6] ^= 0x01;

        Assert.Throws<InvalidDataException>(() => EventFile.Records(bytes));
    }

    /// <summary>A TFRecord reader: checks each length and data CRC.</summary>
    private static class EventFile
    {
        public static List<byte[]> Records(byte[] file)
        {
            var records = new List<byte[]>();
            int at = 0;
            while (at < file.Length)
            {
                ReadOnlySpan<byte> header = file.AsSpan(at, 12);
                ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
                if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != Crc32C.Masked(header[..8]))
                {
                    throw new InvalidDataException($"length CRC mismatch at {at}");
                }

                byte[] data = file.AsSpan(at + 12, (int)length).ToArray();
                uint crc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length, 4));
                if (crc != Crc32C.Masked(data))
                {
                    throw new InvalidDataException($"data CRC mismatch at {at}");
                }

                records.Add(data);
                at += 12 + (int)length + 4;
            }

            return records;
        }
    }

    /// <summary>A protobuf wire-format reader: each field's number, wire type and value (numbers raw, bytes for type 2).</summary>
    private static class Proto
    {
        public static List<(int Field, int WireType, ulong Number, byte[]? Bytes)> Parse(byte[] message)
        {
            var fields = new List<(int, int, ulong, byte[]?)>();
            int at = 0;
            while (at < message.Length)
            {
                ulong key = Varint(message, ref at);
                int field = (int)(key >> 3), type = (int)(key & 7);
                switch (type)
                {
                    case 0:
                        fields.Add((field, type, Varint(message, ref at), null));
                        break;
                    case 1:
                        fields.Add((field, type, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at, 8)), null));
                        at += 8;
                        break;
                    case 2:
                        int length = (int)Varint(message, ref at);
                        fields.Add((field, type, 0, message.AsSpan(at, length).ToArray()));
                        at += length;
                        break;
                    case 5:
                        fields.Add((field, type, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at, 4)), null));
                        at += 4;
                        break;
                    default:
                        throw new InvalidDataException($"wire type {type}");
                }
            }

            return fields;
        }

        private static ulong Varint(byte[] b, ref int at)
        {
            ulong value = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte x = b[at++];
                value |= (ulong)(x & 0x7F) << shift;
                if (x < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
