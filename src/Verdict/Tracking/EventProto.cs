using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Verdict.Tracking;

/// <summary>
/// The few protobuf messages an event file needs, encoded by hand (tensorflow/core/util/event.proto and
/// framework/summary.proto): <c>Event { double wall_time = 1; int64 step = 2; oneof { string file_version = 3;
/// Summary summary = 5; } }</c>, <c>Summary { repeated Value value = 1; }</c>, <c>Value { string tag = 1;
/// float simple_value = 2; }</c>.
/// </summary>
internal static class EventProto
{
    /// <summary>An Event with wall_time and file_version.</summary>
    public static byte[] FileVersion(double wallTime)
    {
        var w = new ProtoWriter();
        w.Double(1, wallTime);
        w.Bytes(3, Encoding.UTF8.GetBytes(TensorBoardLogger.FileVersion));
        return w.ToArray();
    }

    /// <summary>An Event with wall_time, step and a summary of one simple_value.</summary>
    public static byte[] Scalar(double wallTime, long step, string tag, float value)
    {
        var v = new ProtoWriter();
        v.Bytes(1, Encoding.UTF8.GetBytes(tag));
        v.Float(2, value);
        var summary = new ProtoWriter();
        summary.Bytes(1, v.ToArray());
        var e = new ProtoWriter();
        e.Double(1, wallTime);
        e.Varint(2, unchecked((ulong)step));
        e.Bytes(5, summary.ToArray());
        return e.ToArray();
    }
}

/// <summary>Protobuf wire format: varint (type 0), 64-bit (1), length-delimited (2) and 32-bit (5) fields.</summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>A varint field (int64 and uint64 values; negative int64 takes ten bytes).</summary>
    public void Varint(int field, ulong value)
    {
        Key(field, 0);
        RawVarint(value);
    }

    /// <summary>A double field (fixed 64-bit little-endian).</summary>
    public void Double(int field, double value)
    {
        Key(field, 1);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, value);
        _buffer.Write(b);
    }

    /// <summary>A float field (fixed 32-bit little-endian).</summary>
    public void Float(int field, float value)
    {
        Key(field, 5);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        _buffer.Write(b);
    }

    /// <summary>A length-delimited field: string, bytes or an embedded message.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, 2);
        RawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>The encoded message.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Key(int field, int wireType) => RawVarint(((ulong)field << 3) | (uint)wireType);

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        _buffer.Write([(byte)value]);
    }
}
