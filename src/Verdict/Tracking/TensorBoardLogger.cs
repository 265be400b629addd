using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Verdict.Tracking;

/// <summary>
/// A run logger that writes metrics as TensorBoard scalars to a new event file, byte for byte as TensorFlow's
/// writers do, without protobuf or TensorFlow: records framed as TFRecords (length as uint64 LE, masked CRC-32C of
/// the length, the data, masked CRC-32C of the data), each an <c>Event</c> protobuf. The first event carries
/// <c>file_version = "brain.Event:2"</c>; then one event per metric value with <c>wall_time</c>, <c>step</c> and
/// <c>summary { value { tag, simple_value } }</c>.
/// </summary>
/// <remarks>
/// <para>The file is <c>DIR/events.out.tfevents.{unix seconds}.{host}</c>, created (with its folder) by the
/// constructor; a <c>.N</c> suffix is added if that name is taken. TensorBoard reads every such file in a folder as
/// one run, so evaluations logged to one folder with increasing steps draw one line per metric.</para>
/// <para>Values are stored as float32, as <c>simple_value</c> is: NaN and ±∞ stay what they are, a double beyond
/// float range becomes ±∞. Each logging call is flushed to the file, so a running TensorBoard sees it;
/// <see cref="Finish"/> flushes to disk and closes the file. Params and tags are checked (the rules of
/// <see cref="IRunLogger"/>) but not written: TensorBoard's scalars have no place for them. The status is not
/// written either. Not thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// using var tb = new TensorBoardLogger("runs/fraud");
/// for (int epoch = 0; epoch &lt; 10; epoch++)
/// {
///     tb.LogReport(Evaluate(model, validation), step: epoch);   // f1_macro, recall_fraud, ...
/// }
///
/// tb.Finish();
/// // then: tensorboard --logdir runs
/// </code>
/// </example>
public sealed class TensorBoardLogger : IRunLogger, IDisposable
{
    /// <summary>The file_version TensorBoard expects of the first event.</summary>
    public const string FileVersion = "brain.Event:2";

    private readonly FileStream _stream;
    private readonly Func<DateTimeOffset> _clock;
    private readonly RunLogState _state = new();

    /// <summary>
    /// Creates a new event file in <paramref name="directory"/> (created if missing) and writes the file_version event.
    /// </summary>
    /// <param name="directory">The run's folder (TensorBoard's <c>--logdir</c> or a folder below it).</param>
    /// <param name="clock">The wall time of events and of the file name; null: the system clock (UTC).</param>
    /// <param name="host">The host name in the file name; null: this machine's. Characters outside
    /// <c>[A-Za-z0-9._-]</c> become <c>_</c>.</param>
    /// <exception cref="IOException">The folder or the file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public TensorBoardLogger(string directory, Func<DateTimeOffset>? clock = null, string? host = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        DateTimeOffset time = _clock();
        (_stream, Path) = Open(directory, time, host ?? Environment.MachineName);
        try
        {
            WriteRecord(_stream, EventProto.FileVersion(WallTime(time)));
            _stream.Flush();
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>The event file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void LogMetric(string key, double value, long step = 0)
    {
        _state.CheckMetric(key, step);
        WriteRecord(_stream, EventProto.Scalar(WallTime(_clock()), step, key, (float)value));
        _stream.Flush();
    }

    /// <inheritdoc/>
    public void LogMetrics(IEnumerable<RunMetric> metrics, long step = 0)
    {
        RunMetric[] list = _state.CheckMetrics(metrics, step);
        double wallTime = WallTime(_clock());
        foreach (RunMetric m in list)
        {
            WriteRecord(_stream, EventProto.Scalar(wallTime, step, m.Key, (float)m.Value));
        }

        _stream.Flush();
    }

    /// <summary>Checks the param (a param is set once) but does not write it.</summary>
    public void LogParam(string key, string value) => _state.AddParam(key, value);

    /// <summary>Checks the tag but does not write it.</summary>
    public void SetTag(string key, string value) => _state.CheckTag(key, value);

    /// <summary>Flushes the file to disk and closes it.</summary>
    public void Finish(RunStatus status = RunStatus.Finished)
    {
        _state.Finish(status);
        try
        {
            _stream.Flush(flushToDisk: true);
        }
        finally
        {
            _stream.Dispose();
        }
    }

    /// <summary>Closes the file (what was logged is in it; a run not finished is simply not flushed to disk).</summary>
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

    private static (FileStream Stream, string Path) Open(string directory, DateTimeOffset time, string host)
    {
        Directory.CreateDirectory(directory);
        string name = "events.out.tfevents." + time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + SafeHost(host);
        for (int n = 0; ; n++)
        {
            string path = System.IO.Path.Combine(directory, n == 0 ? name : name + "." + n.ToString(CultureInfo.InvariantCulture));
            try
            {
                return (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), path);
            }
            catch (IOException) when (File.Exists(path) && n < 1000)
            {
                // Taken (another run in the same second): try the next suffix.
            }
        }
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
}
