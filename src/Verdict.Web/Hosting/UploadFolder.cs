using System.Text;

namespace Verdict.Web.Hosting;

/// <summary>
/// The server's private temporary folder (readable by its user only). Every request that carries a file gets its own
/// subfolder, deleted when the request ends; the whole folder is deleted when the server stops. Uploaded names are
/// reduced to a safe file name, so nothing is ever written outside it.
/// </summary>
internal sealed class UploadFolder : IDisposable
{
    private UploadFolder(string root) => Root = root;

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>Makes a fresh folder named verdict-web-XXXX under <paramref name="parent"/> (default: the system's temporary folder).</summary>
    public static UploadFolder Create(string? parent)
    {
        string baseDir = Path.GetFullPath(parent ?? Path.GetTempPath());
        Directory.CreateDirectory(baseDir);
        string root = Path.Combine(baseDir, "verdict-web-" + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
        }
        else
        {
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new UploadFolder(root);
    }

    /// <summary>A new, empty folder for one request's files.</summary>
    public RequestFolder CreateRequestFolder()
    {
        string path = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new RequestFolder(path);
    }

    /// <summary>Deletes the folder and anything left in it.</summary>
    public void Dispose() => DeleteQuietly(Root);

    /// <summary>
    /// A file name that is safe to create: the last path segment of <paramref name="name"/>, with characters other
    /// than letters, digits, '.', '-' and '_' replaced by '_', no leading dots, at most 100 characters, and
    /// "upload.csv" when nothing is left. The extensions (".csv", ".tsv.gz", ...) are kept, since they set the format.
    /// </summary>
    public static string SafeFileName(string? name)
    {
        string last = (name ?? string.Empty).Replace('\\', '/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var sb = new StringBuilder(last.Length);
        foreach (char c in last)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        string safe = sb.ToString().TrimStart('.');
        if (safe.Length > 100)
        {
            safe = safe[^100..].TrimStart('.');
        }

        return safe.Trim('_').Length == 0 || safe.Trim('.', '_').Length == 0 ? "upload.csv" : safe;
    }

    internal static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open elsewhere; the folder is under the server's own temporary folder, removed at shutdown.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

/// <summary>One request's temporary folder; disposing deletes it and its files.</summary>
internal sealed class RequestFolder : IDisposable
{
    internal RequestFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The path for a file named <paramref name="name"/> (made safe with <see cref="UploadFolder.SafeFileName"/>) inside this folder.</summary>
    public string FilePath(string? name)
    {
        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, UploadFolder.SafeFileName(name)));
        if (!full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("An upload name resolved outside its temporary folder.");
        }

        return full;
    }

    /// <summary>Deletes the folder and its files.</summary>
    public void Dispose() => UploadFolder.DeleteQuietly(Path);
}
