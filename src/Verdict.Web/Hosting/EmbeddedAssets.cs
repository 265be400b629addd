using System.Reflection;
using System.Security.Cryptography;

namespace Verdict.Web.Hosting;

/// <summary>A file embedded in the assembly: its bytes, content type and ETag.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">The media type, with charset for text.</param>
/// <param name="ETag">A quoted hash of the bytes.</param>
internal sealed record EmbeddedAsset(byte[] Content, string ContentType, string ETag);

/// <summary>The pages, styles and scripts (wwwroot/...) and the samples (samples/...) embedded in Verdict.Web.dll.</summary>
internal static class EmbeddedAssets
{
    private static readonly Lazy<Dictionary<string, EmbeddedAsset>> All = new(Load);

    /// <summary>The asset named <paramref name="name"/> (e.g. "wwwroot/app.css"), or null.</summary>
    public static EmbeddedAsset? Find(string name) => All.Value.GetValueOrDefault(name);

    /// <summary>Opens the embedded resource <paramref name="name"/> (e.g. "samples/digits.csv"), or null.</summary>
    public static Stream? Open(string name) => typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(name);

    private static Dictionary<string, EmbeddedAsset> Load()
    {
        Assembly assembly = typeof(EmbeddedAssets).Assembly;
        var assets = new Dictionary<string, EmbeddedAsset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("wwwroot/", StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
            assets[name] = new EmbeddedAsset(bytes, ContentType(name), etag);
        }

        return assets;
    }

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".ico" => "image/x-icon",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
