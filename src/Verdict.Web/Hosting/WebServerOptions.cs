using System.Globalization;

namespace Verdict.Web.Hosting;

/// <summary>Where <see cref="VerdictWebServer"/> listens and how large an upload it takes.</summary>
public sealed record WebServerOptions
{
    /// <summary>The default upload limit: 200 MB (200 × 1024 × 1024 bytes).</summary>
    public const long DefaultMaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>The address to bind: an IP address or "localhost" (default 127.0.0.1, loopback only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port (default 5000); 0 picks a free port, which <see cref="VerdictWebServer.Address"/> then reports.</summary>
    public int Port { get; init; } = 5000;

    /// <summary>The largest uploaded file, in bytes (default <see cref="DefaultMaxUploadBytes"/>); larger uploads get status 413.</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>The folder in which the server makes its own temporary folder for uploads; null for the system's temporary folder.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>A byte count as people read it: "200 MB", "64 KB", "512 bytes" (binary units, at most one decimal).</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["KB", "MB", "GB", "TB"];
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + (bytes == 1 ? " byte" : " bytes");
        }

        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value >= 100 || value == Math.Floor(value) ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>
    /// Parses a size such as "200MB", "64 KB", "1.5GB" or "1048576" (bytes); units are binary (1 KB = 1024 bytes) and
    /// case-insensitive. Returns null when <paramref name="text"/> is not a positive size.
    /// </summary>
    public static long? ParseBytes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string t = text.Trim().ToUpperInvariant();
        (string Suffix, long Factor)[] suffixes = [("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("T", 1L << 40), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1)];
        long factor = 1;
        foreach ((string suffix, long f) in suffixes)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length].TrimEnd();
                factor = f;
                break;
            }
        }

        if (!double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) || !(v > 0))
        {
            return null;
        }

        double bytes = Math.Round(v * factor);
        return bytes is >= 1 and <= long.MaxValue / 2 ? (long)bytes : null;
    }
}
