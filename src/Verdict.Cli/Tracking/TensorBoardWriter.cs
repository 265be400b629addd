using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Verdict.Cli.Tracking;

/// <summary>
/// Writes a TensorBoard event file of scalar summaries, byte for byte as TensorFlow's writers do, without protobuf
/// or TensorFlow: records framed as TFRecords (length as uint64 LE, masked CRC-32C of the length, the data, masked
/// CRC-32C of the data), each an <c>Event</c> protobuf. The first event carries <c>file_version = "brain.Event:2"</c>;
/// then one event per scalar with <c>wall_time</c>, <c>step</c> and <c>summary { value { tag, simple_value } }</c>.
/// </summary>
/// <remarks>
/// The file is <c>DIR/events.out.tfevents.{unix seconds}.{host}</c> (a <c>.N</c> suffix is added if that name is
/// taken); TensorBoard reads every such file in a folder as one run, so successive verdict runs logged to one folder
/// with increasing <c>--step</c> draw one line per metric.
/// </remarks>
internal sealed class TensorBoardWriter : IDisposable
{
    /// <summary>The file_version TensorBoard expects of the first event.</summary>
    public const string FileVersion = "brain.Event:2";

    private readonly FileStream _stream;

    private TensorBoardWriter(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The event file.</summary>
    public string Path { get; }

    /// <summary>Creates a new event file in <paramref name="directory"/> (created if missing) and writes the file_version event.</summary>
    public static TensorBoardWriter Create(string directory, DateTimeOffset time, string? host = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string name = "events.out.tfevents." + time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + SafeHost(host ?? Environment.MachineName);
        for (int n = 0; ; n++)
        {
            string path = System.IO.Path.Combine(directory, n == 0 ? name : name + "." + n.ToString(CultureInfo.InvariantCulture));
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            }
            catch (IOException) when (File.Exists(path) && n < 1000)
            {
                // Taken (another run in the same second): try the next suffix.
                continue;
            }

            var writer = new TensorBoardWriter(stream, path);
            try
            {
                writer.WriteRecord(EventProto.FileVersion(WallTime(time)));
                return writer;
            }
            catch
            {
                writer.Dispose();
                throw;
            }
        }
    }

    /// <summary>Writes every metric of <paramref name="run"/> as a scalar at <paramref name="step"/>; returns the file written.</summary>
    public static string WriteRun(string directory, RunRecord run, long step, string? host = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        using TensorBoardWriter writer = Create(directory, run.Time, host);
        foreach (RunMetric m in run.AllMetrics())
        {
            writer.AddScalar(m.Key, m.Value, step, run.Time);
        }

        writer.Flush();
        return writer.Path;
    }

    /// <summary>Adds one scalar (stored as float32, as TensorBoard's simple_value is).</summary>
    public void AddScalar(string tag, double value, long step, DateTimeOffset wallTime)
    {
        ArgumentNullException.ThrowIfNull(tag);
        WriteRecord(EventProto.Scalar(WallTime(wallTime), step, tag, (float)value));
    }

    /// <summary>Flushes to disk.</summary>
    public void Flush() => _stream.Flush(flushToDisk: true);

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    /// <summary>One TFRecord: uint64 LE length, masked CRC-32C of those 8 bytes, the data, masked CRC-32C of the data.</summary>
    internal static void WriteRecord(Stream stream, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
    }

    private static double WallTime(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static string SafeHost(string host)
    {
        var sb = new StringBuilder(host.Length);
        foreach (char c in host)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
        }

        return sb.Length == 0 ? "localhost" : sb.ToString();
    }

    private void WriteRecord(byte[] data) => WriteRecord(_stream, data);
}

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
        w.Bytes(3, Encoding.UTF8.GetBytes(TensorBoardWriter.FileVersion));
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
