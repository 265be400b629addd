using System.Buffers.Binary;
using System.Text;

namespace Verdict.Tests.Tracking;

/// <summary>
/// An event-file reader written from the formats, sharing no code with the writer: TFRecord framing with its own
/// bit-by-bit CRC-32C (no table) and mask, and a protobuf wire-format walker that checks the Event fields TensorBoard
/// reads. Also compiled into the CLI tests (linked), which check what <c>--tensorboard</c> writes.
/// </summary>
internal static class TensorBoardEventReader
{
    /// <summary>An event file: its file_version event and its scalar events, in order.</summary>
    public sealed record EventFile(double FileVersionWallTime, string FileVersion, IReadOnlyList<ScalarEvent> Scalars);

    /// <summary>One scalar event: wall_time, step, summary.value.tag and summary.value.simple_value.</summary>
    public sealed record ScalarEvent(double WallTime, long Step, string Tag, float Value);

    /// <summary>Reads a whole event file; throws <see cref="InvalidDataException"/> on any framing or content error.</summary>
    public static EventFile Read(byte[] file)
    {
        List<byte[]> records = Records(file);
        if (records.Count == 0)
        {
            throw new InvalidDataException("no records");
        }

        var first = Parse(records[0]);
        Expect(first.Select(f => (f.Field, f.WireType)).SequenceEqual([(1, 1), (3, 2)]), "first event is not {wall_time, file_version}");
        var scalars = new List<ScalarEvent>();
        foreach (byte[] record in records.Skip(1))
        {
            var e = Parse(record);
            Expect(e.Select(f => (f.Field, f.WireType)).SequenceEqual([(1, 1), (2, 0), (5, 2)]), "event is not {wall_time, step, summary}");
            var summary = Parse(e[2].Bytes!);
            Expect(summary.Count == 1 && summary[0].Field == 1 && summary[0].WireType == 2, "summary is not one value");
            var value = Parse(summary[0].Bytes!);
            Expect(value.Select(f => (f.Field, f.WireType)).SequenceEqual([(1, 2), (2, 5)]), "value is not {tag, simple_value}");
            scalars.Add(new ScalarEvent(
                BitConverter.Int64BitsToDouble((long)e[0].Number),
                (long)e[1].Number,
                Encoding.UTF8.GetString(value[0].Bytes!),
                BitConverter.Int32BitsToSingle((int)value[1].Number)));
        }

        return new EventFile(BitConverter.Int64BitsToDouble((long)first[0].Number), Encoding.UTF8.GetString(first[1].Bytes!), scalars);
    }

    /// <summary>The records of a TFRecord file, each length and data CRC checked.</summary>
    public static List<byte[]> Records(byte[] file)
    {
        var records = new List<byte[]>();
        int at = 0;
        while (at < file.Length)
        {
            Expect(file.Length - at >= 16, $"truncated record at {at}");
            ReadOnlySpan<byte> header = file.AsSpan(at, 12);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            Expect(BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) == MaskedCrc(header[..8]), $"length CRC mismatch at {at}");
            Expect(length <= (ulong)(file.Length - at - 16), $"length {length} past the end at {at}");
            byte[] data = file.AsSpan(at + 12, (int)length).ToArray();
            Expect(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length, 4)) == MaskedCrc(data), $"data CRC mismatch at {at}");
            records.Add(data);
            at += 12 + (int)length + 4;
        }

        return records;
    }

    /// <summary>CRC-32C computed bit by bit (reflected polynomial 0x82F63B78).</summary>
    public static uint BitwiseCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }

    /// <summary>TFRecord's masked CRC: rotate right by 15, add 0xA282EAD8.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = BitwiseCrc32C(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
    }

    /// <summary>A protobuf message's fields: number, wire type, raw number (types 0, 1, 5) or bytes (type 2).</summary>
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
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte x = b[at++];
            value |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("varint longer than 10 bytes");
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException(what);
        }
    }
}
