using System.Text;

namespace Verdict.Cli.Output;

/// <summary>
/// Writes a command's result to standard output or to <c>--output PATH</c>. A file is written to a temporary file
/// beside it and moved into place only when complete, so a failed command never leaves a half-written file.
/// </summary>
internal static class OutputTarget
{
    public static void Write(string? path, string content, TextWriter stdout)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            stdout.Write(content);
            stdout.Flush();
            return;
        }

        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
        {
            throw new CliException($"cannot write '{path}': folder '{dir}' does not exist; create it or choose another --output path");
        }

        string temp = Path.Combine(dir ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new CliException($"cannot write '{path}': {e.Message}");
        }
    }
}
