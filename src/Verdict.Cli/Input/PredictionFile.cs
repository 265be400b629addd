namespace Verdict.Cli.Input;

/// <summary>
/// Opens a prediction file for a command: reads its header, resolves column names (given or defaults), then
/// reads just those columns. Standard input is buffered once so the header and the rows can both be read.
/// </summary>
internal sealed class PredictionFile
{
    private readonly ReadOptions _options;

    private PredictionFile(string path, ReadOptions options, IReadOnlyList<string> header)
    {
        Path = path;
        _options = options;
        Header = header;
    }

    public string Path { get; }

    public string DisplayName => Path == "-" ? "standard input" : System.IO.Path.GetFileName(Path);

    public IReadOnlyList<string> Header { get; }

    public static PredictionFile Open(string path, ReadOptions options, Stream? standardInput = null)
    {
        if (path == "-")
        {
            var buffer = new MemoryStream();
            (standardInput ?? Console.OpenStandardInput()).CopyTo(buffer);
            options = options with { StandardInput = buffer };
            buffer.Position = 0;
            IReadOnlyList<string> header = TableReader.ReadHeader(path, options);
            buffer.Position = 0;
            return new PredictionFile(path, options, header);
        }

        return new PredictionFile(path, options, TableReader.ReadHeader(path, options));
    }

    /// <summary>
    /// The column to use: <paramref name="given"/> when set (it must exist), otherwise the first of
    /// <paramref name="defaults"/> in the header; <paramref name="role"/> names it in errors ("actual labels").
    /// </summary>
    public string Resolve(string? given, string option, string role, params string[] defaults)
    {
        if (given is not null)
        {
            Require(given, option);
            return given;
        }

        foreach (string d in defaults)
        {
            if (Header.Contains(d))
            {
                return d;
            }
        }

        throw new CliException(
            $"{DisplayName}: no column for the {role}: none of {string.Join(", ", defaults.Select(d => $"'{d}'"))} is in the header ({string.Join(", ", Header)}); name it with {option} COLUMN");
    }

    /// <summary>The first of <paramref name="defaults"/> in the header, or null.</summary>
    public string? TryDefault(params string[] defaults) => defaults.FirstOrDefault(Header.Contains);

    /// <summary>Fails with a clear message (and the closest name) when <paramref name="column"/> is not in the header.</summary>
    public void Require(string column, string option)
    {
        if (!Header.Contains(column))
        {
            string? closest = ColumnPlan.Closest(column, Header);
            string hint = closest is null ? string.Empty : $"; did you mean '{closest}'?";
            throw new CliException($"{DisplayName}: column '{column}' (from {option}) is not in the header ({string.Join(", ", Header)}){hint}");
        }
    }

    public Table Read(IReadOnlyList<ColumnSpec> columns) => Read(columns, sink: null);

    /// <summary>Reads <paramref name="columns"/> handing rows to <paramref name="sink"/> block by block (see <see cref="TableReader.Stream"/>).</summary>
    public Table Stream(IReadOnlyList<ColumnSpec> columns, Action<RowBlock> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return Read(columns, sink);
    }

    private Table Read(IReadOnlyList<ColumnSpec> columns, Action<RowBlock>? sink)
    {
        if (_options.StandardInput is MemoryStream m)
        {
            m.Position = 0;
        }

        if (_options.Progress is Output.ProgressBar bar && Path != "-" && File.Exists(Path) && !Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            bar.TotalBytes = new FileInfo(Path).Length;
        }

        try
        {
            return sink is null ? TableReader.Read(Path, columns, _options) : TableReader.Stream(Path, columns, _options, sink);
        }
        finally
        {
            (_options.Progress as Output.ProgressBar)?.Finish();
        }
    }
}
