using System.IO.Compression;

namespace Verdict.Cli.Input;

/// <summary>
/// An opened input: the stream of its (decompressed) bytes, the format and delimiter it is read with,
/// and the name it is reported under. gzip is recognised by its magic bytes, for files and standard input alike.
/// </summary>
internal sealed class InputSource : IDisposable
{
    /// <summary>The name used in messages for standard input.</summary>
    public const string StandardInputName = "<stdin>";

    private readonly CountingStream _raw;
    private readonly IProgress<long>? _progress;
    private readonly FileStream? _file;

    private InputSource(string displayName, FileStream? file, Stream stream, CountingStream raw, InputFormat format, byte delimiter, bool compressed, IProgress<long>? progress)
    {
        _file = file;
        DisplayName = displayName;
        Stream = stream;
        _raw = raw;
        Format = format;
        Delimiter = delimiter;
        IsCompressed = compressed;
        _progress = progress;
    }

    /// <summary>The path as the user gave it, or <see cref="StandardInputName"/>.</summary>
    public string DisplayName { get; }

    /// <summary>The decompressed bytes.</summary>
    public Stream Stream { get; }

    /// <summary>The format the input is read as.</summary>
    public InputFormat Format { get; }

    /// <summary>The delimiter byte for CSV/TSV.</summary>
    public byte Delimiter { get; }

    /// <summary>Whether the input was gzip-compressed.</summary>
    public bool IsCompressed { get; }

    /// <summary>Bytes read from the underlying file or stream so far (compressed bytes for gzip).</summary>
    public long BytesRead => _raw.BytesRead;

    /// <summary>Tells the progress callback, if any, how many bytes have been read.</summary>
    public void ReportProgress() => _progress?.Report(_raw.BytesRead);

    /// <summary>
    /// Opens <paramref name="path"/> (<c>-</c> = standard input). Throws <see cref="InputException"/>
    /// when the file does not exist or cannot be opened.
    /// </summary>
    public static InputSource Open(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        bool stdin = path == "-";
        string display = stdin ? StandardInputName : path;
        FileStream? file = stdin ? null : OpenFile(path);
        Stream inner = file ?? options.StandardInput ?? Console.OpenStandardInput();

        var raw = new CountingStream(inner, leaveOpen: stdin);
        Stream stream = raw;
        bool compressed = false;
        Span<byte> magic = stackalloc byte[2];
        int got = ReadUpTo(raw, magic);
        var replay = new ReplayStream(magic[..got].ToArray(), raw);
        stream = replay;
        if (got == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            stream = new GZipStream(replay, CompressionMode.Decompress, leaveOpen: false);
            compressed = true;
        }

        InputFormat format = options.Format ?? (stdin ? InputFormat.Csv : FormatOf(path));
        char delimiter = options.Delimiter ?? (format == InputFormat.Tsv ? '\t' : ',');
        if (delimiter > 127 || delimiter is '"' or '\n' or '\r')
        {
            stream.Dispose();
            throw new InputException(new InputProblem(display, 0, null, null,
                $"the delimiter {InputProblem.Quote(delimiter.ToString())} cannot be used; expected a single ASCII character other than a quote or a line break"));
        }

        return new InputSource(display, file, stream, raw, format, (byte)delimiter, compressed, options.Progress);
    }

    /// <summary>The format implied by a file name: <c>.tsv</c>/<c>.tab</c> TSV, <c>.jsonl</c>/<c>.ndjson</c> JSON Lines, <c>.npy</c> NumPy, otherwise CSV; a trailing <c>.gz</c> is looked through.</summary>
    public static InputFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        string ext = Path.GetExtension(name);
        if (ext.Equals(".tsv", StringComparison.OrdinalIgnoreCase) || ext.Equals(".tab", StringComparison.OrdinalIgnoreCase))
        {
            return InputFormat.Tsv;
        }

        if (ext.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || ext.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return InputFormat.JsonLines;
        }

        return ext.Equals(".npy", StringComparison.OrdinalIgnoreCase) ? InputFormat.Npy : InputFormat.Csv;
    }

    /// <summary>Opens a file for one sequential pass, turning "not found" and access errors into <see cref="InputException"/>.</summary>
    public static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(new InputProblem(path, 0, null, null,
                $"file not found (looked in {Path.GetFullPath(path)})"));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or NotSupportedException or ArgumentException)
        {
            throw new InputException(new InputProblem(path, 0, null, null, $"cannot open the file: {e.Message}"));
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>
    /// For an uncompressed regular file, the number of lines in it (an upper bound on its records, used to
    /// size the columns once instead of growing them); -1 for standard input, pipes, gzip and small files. Reads
    /// the file once more (positional reads that leave the stream where it is), which costs little next to
    /// parsing and saves the page faults and copies of growing arrays.
    /// </summary>
    public long CountLines()
    {
        if (_file is null || IsCompressed || !_file.CanSeek)
        {
            return -1;
        }

        try
        {
            Microsoft.Win32.SafeHandles.SafeFileHandle handle = _file.SafeFileHandle;
            long length = RandomAccess.GetLength(handle);
            if (length < 8 << 20)
            {
                return -1;
            }

            byte[] buffer = new byte[1 << 20];
            long count = 0;
            long offset = 0;
            int n;
            byte last = (byte)'\n';
            while ((n = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                count += buffer.AsSpan(0, n).Count((byte)'\n');
                offset += n;
                last = buffer[n - 1];
            }

            return count + (last == (byte)'\n' ? 0 : 1);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>Reads a block, turning decompression and I/O failures into <see cref="InputException"/>.</summary>
    public int ReadBlock(Span<byte> buffer)
    {
        try
        {
            return ReadUpTo(Stream, buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(new InputProblem(DisplayName, 0, null, null, $"the gzip data is corrupt: {e.Message}"));
        }
        catch (IOException e)
        {
            throw new InputException(new InputProblem(DisplayName, 0, null, null, $"cannot read the input: {e.Message}"));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Stream.Dispose();

    /// <summary>A read-only pass-through that counts the bytes read.</summary>
    private sealed class CountingStream(Stream inner, bool leaveOpen) : ReadOnlyStream
    {
        private long _bytesRead;

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            Interlocked.Add(ref _bytesRead, n);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Replays bytes already read (the sniffed magic) and then continues with the inner stream.</summary>
    private sealed class ReplayStream(byte[] prefix, Stream inner) : ReadOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return inner.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>The boilerplate of a forward-only, read-only stream; subclasses implement <see cref="Stream.Read(Span{byte})"/>.</summary>
internal abstract class ReadOnlyStream : Stream
{
    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public abstract override int Read(Span<byte> buffer);

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
