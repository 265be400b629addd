using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Verdict.Cli.Tests.Input;

/// <summary>A scratch directory for one test class, deleted afterwards, with writers for the input formats.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verdict-input-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public string Text(string name, string content) => Bytes(name, Encoding.UTF8.GetBytes(content));

    public string Bytes(string name, byte[] content)
    {
        string path = Path(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Gzip(string name, string content)
    {
        string path = Path(name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    public static byte[] GzipBytes(string content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(content));
        }

        return memory.ToArray();
    }

    /// <summary>Writes a .npy file by hand, per the NPY format spec: magic, version, header length, dict, padding, data.</summary>
    public string Npy(string name, string descr, long[] shape, byte[] data, bool fortranOrder = false, int major = 1)
    {
        string shapeText = shape.Length == 1
            ? string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)")
            : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shapeText}, }}";
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.Length + 1;
        int padded = (total + 63) / 64 * 64;
        string header = dict + new string(' ', padded - total) + "\n";
        byte[] headerBytes = major == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1)
        {
            Span<byte> length = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)headerBytes.Length);
            stream.Write(length);
        }
        else
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)headerBytes.Length);
            stream.Write(length);
        }

        stream.Write(headerBytes);
        stream.Write(data);
        return Bytes(name, stream.ToArray());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
