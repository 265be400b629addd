using System.Diagnostics;
using System.Security.Cryptography;

namespace Verdict.Cli.Tracking;

/// <summary>Facts about where a run happened that are gathered only when it is recorded: the input file's size and hash, the git commit.</summary>
internal static class RunContext
{
    /// <summary>
    /// The size and SHA-256 of the file at <paramref name="path"/>, or (null, null) for standard input ("-") and
    /// paths that are not readable files. The hash is of the bytes on disk (a .gz file's compressed bytes).
    /// </summary>
    public static (long? Size, string? Sha256) Fingerprint(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "-" || !File.Exists(path))
        {
            return (null, null);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
            byte[] hash = SHA256.HashData(stream);
            return (stream.Length, Convert.ToHexStringLower(hash));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// The commit HEAD points at in the git work tree containing <paramref name="directory"/>, or null outside a
    /// repository (or on a branch with no commit yet). Reads <c>.git</c> itself (a folder, or a file naming the
    /// git folder of a linked work tree or submodule): HEAD, then the loose ref, then <c>packed-refs</c>; calls
    /// <c>git rev-parse HEAD</c> only when a repository is found but its refs cannot be read that way.
    /// </summary>
    public static string? GitCommit(string directory)
    {
        try
        {
            string? gitDir = FindGitDir(directory, out string? workTree);
            if (gitDir is null)
            {
                return null;
            }

            string? commit = ResolveHead(gitDir);
            return commit ?? RunGit(workTree!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? FindGitDir(string start, out string? workTree)
    {
        for (DirectoryInfo? dir = new(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(candidate))
            {
                workTree = dir.FullName;
                return candidate;
            }

            if (File.Exists(candidate))
            {
                string text = File.ReadAllText(candidate).Trim();
                const string prefix = "gitdir:";
                if (text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    workTree = dir.FullName;
                    return Path.GetFullPath(Path.Combine(dir.FullName, text[prefix.Length..].Trim()));
                }
            }
        }

        workTree = null;
        return null;
    }

    private static string? ResolveHead(string gitDir)
    {
        string headPath = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headPath))
        {
            return null;
        }

        string commonDir = gitDir;
        string commonFile = Path.Combine(gitDir, "commondir");
        if (File.Exists(commonFile))
        {
            commonDir = Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim()));
        }

        string value = File.ReadAllText(headPath).Trim();
        for (int depth = 0; depth < 5; depth++)
        {
            if (IsObjectId(value))
            {
                return value.ToLowerInvariant();
            }

            const string prefix = "ref:";
            if (!value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }

            string refName = value[prefix.Length..].Trim();
            string? next = ReadLooseRef(gitDir, refName) ?? ReadLooseRef(commonDir, refName) ?? ReadPackedRef(commonDir, refName);
            if (next is null)
            {
                return null;
            }

            value = next;
        }

        return null;
    }

    private static string? ReadLooseRef(string dir, string refName)
    {
        string path = Path.Combine(dir, refName.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static string? ReadPackedRef(string dir, string refName)
    {
        string path = Path.Combine(dir, "packed-refs");
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] is '#' or '^')
            {
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line.AsSpan(space + 1).Trim().SequenceEqual(refName))
            {
                return line[..space];
            }
        }

        return null;
    }

    private static bool IsObjectId(string s) => s.Length is 40 or 64 && s.All(char.IsAsciiHexDigit);

    private static string? RunGit(string workTree)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "--verify", "--quiet", "HEAD"])
            {
                WorkingDirectory = workTree,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            string output = git.StandardOutput.ReadToEnd().Trim();
            if (!git.WaitForExit(5000))
            {
                git.Kill();
                return null;
            }

            return git.ExitCode == 0 && IsObjectId(output) ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
