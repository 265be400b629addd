using System.Globalization;

namespace Verdict.Cli.Input;

/// <summary>
/// Builds a <see cref="Table"/> from NumPy files. Each file is named after its stem: a 1-D array is one
/// column (<c>y_true.npy</c> → <c>y_true</c>), a 2-D array of shape (n, k) is k columns <c>stem[0]</c> ..
/// <c>stem[k-1]</c>. Every file must have the same number of rows. Problems (NaN or infinite numbers, NaN
/// labels) are reported by 0-based index, like NumPy.
/// </summary>
internal static class NpyTableReader
{
    /// <summary>Reads the requested columns from <paramref name="paths"/>.</summary>
    public static Table Read(IReadOnlyList<string> paths, IReadOnlyList<ColumnSpec> columns, ReadOptions options)
    {
        if (paths.Count == 0)
        {
            throw new ArgumentException("Give at least one .npy file.", nameof(paths));
        }

        string source = string.Join(" + ", paths);
        var headers = new NpyHeader[paths.Count];
        var header = new List<string>();
        var where = new Dictionary<string, (int File, int Column)>(StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        for (int f = 0; f < paths.Count; f++)
        {
            headers[f] = NpyReader.ReadHeader(paths[f]);
            IReadOnlyList<string> names = ColumnNames(paths[f], headers[f]);
            for (int j = 0; j < names.Count; j++)
            {
                if (!where.TryAdd(names[j], (f, j)))
                {
                    problems.Add(new InputProblem(paths[f], 0, null, null,
                        $"column '{names[j]}' is also given by {paths[where[names[j]].File]}; NumPy files are named after their stems, so give files different names"));
                }

                header.Add(names[j]);
            }

            if (headers[f].Rows != headers[0].Rows)
            {
                problems.Add(new InputProblem(paths[f], 0, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"the array has {headers[f].Rows} rows but {paths[0]} has {headers[0].Rows}; every array must have one entry per row")));
            }
        }

        foreach (ColumnSpec spec in columns)
        {
            if (!where.TryGetValue(spec.Name, out (int File, int Column) at))
            {
                problems.Add(new InputProblem(source, 0, null, null, ColumnPlan.MissingColumnMessage(spec.Name, header)));
            }
            else if (spec.Kind != ColumnKind.Label && headers[at.File].IsText)
            {
                problems.Add(new InputProblem(paths[at.File], 0, spec.Name, null,
                    "holds text; expected numbers (a bool, integer or float array)"));
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems, problems.Count);
        }

        int rows = (int)headers[0].Rows;
        var arrays = new NpyArray?[paths.Count];
        var labels = new Dictionary<string, LabelColumn>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var log = new ProblemLog(source, options);
        var bad = new bool[rows];
        long bytesRead = 0;
        foreach (ColumnSpec spec in columns)
        {
            (int f, int j) = where[spec.Name];
            NpyArray? array = arrays[f];
            if (array is null)
            {
                array = arrays[f] = NpyReader.Read(paths[f]);
                bytesRead += array.Header.DataOffset + (array.Header.Rows * array.Header.Columns * array.Header.ItemSize);
                options.Progress?.Report(bytesRead);
            }

            if (spec.Kind != ColumnKind.Label && !numbers.ContainsKey(spec.Name))
            {
                double[] values = array.Numbers(j);
                Check(values, paths[f], spec.Name, log, bad, labels: false, spec.Kind);
                numbers.Add(spec.Name, values);
            }
            else if (spec.Kind == ColumnKind.Label && !labels.ContainsKey(spec.Name))
            {
                if (array.Header.IsFloat)
                {
                    Check(array.Numbers(j), paths[f], spec.Name, log, bad, labels: true, ColumnKind.Label);
                }

                labels.Add(spec.Name, array.Labels(spec.Name, j));
            }
        }

        log.ThrowIfErrors();
        long skipped = 0;
        foreach (bool b in bad)
        {
            skipped += b ? 1 : 0;
        }

        log.SkippedRows = skipped;
        if (skipped > 0)
        {
            numbers = numbers.ToDictionary(p => p.Key, p => Keep(p.Value, bad, rows - (int)skipped), StringComparer.Ordinal);
            labels = labels.ToDictionary(p => p.Key, p => Keep(p.Value, bad, rows - (int)skipped), StringComparer.Ordinal);
        }

        if (rows - skipped == 0)
        {
            throw new InputException(new InputProblem(source, 0, null, null, skipped > 0
                ? string.Create(CultureInfo.InvariantCulture, $"no usable rows: all {skipped} rows had problems and were skipped")
                : "the arrays are empty; expected at least one row"));
        }

        return new Table(source, header, rows - skipped, labels.Values, numbers, skipped,
                         options.OnBadRow == BadRowPolicy.Skip ? log.Listed : []);
    }

    /// <summary>The column names a <c>.npy</c> file gives: its stem, or <c>stem[j]</c> for each column of a 2-D array.</summary>
    public static IReadOnlyList<string> ColumnNames(string path, NpyHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string stem = Path.GetFileNameWithoutExtension(path);
        if (header.Shape.Length < 2)
        {
            return [stem];
        }

        var names = new string[header.Columns];
        for (int j = 0; j < names.Length; j++)
        {
            names[j] = string.Create(CultureInfo.InvariantCulture, $"{stem}[{j}]");
        }

        return names;
    }

    private static void Check(double[] values, string file, string column, ProblemLog log, bool[] bad, bool labels, ColumnKind kind)
    {
        for (int r = 0; r < values.Length; r++)
        {
            double v = values[r];
            string? rule = double.IsFinite(v) ? NumberRules.Violation(kind, v) : null;
            if (rule is not null)
            {
                bad[r] = true;
                if (log.WantsDetail)
                {
                    log.Add(new InputProblem(file, r + 1L, column, v.ToString("R", CultureInfo.InvariantCulture), rule) { IsArrayIndex = true });
                }
                else
                {
                    log.AddUnlisted(1);
                }

                continue;
            }

            if (double.IsFinite(v) || (labels && !double.IsNaN(v)))
            {
                continue;
            }

            bad[r] = true;
            if (!log.WantsDetail)
            {
                log.AddUnlisted(1);
                continue;
            }

            string text = double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
            log.Add(new InputProblem(file, r + 1L, column, text,
                labels ? "'nan' is not a label; expected a class label" : $"'{text}' is not finite; expected a finite number such as 0.25")
            { IsArrayIndex = true });
        }
    }

    private static double[] Keep(double[] values, bool[] bad, int kept)
    {
        var result = new double[kept];
        int k = 0;
        for (int r = 0; r < values.Length; r++)
        {
            if (!bad[r])
            {
                result[k++] = values[r];
            }
        }

        return result;
    }

    private static LabelColumn Keep(LabelColumn column, bool[] bad, int kept)
    {
        var codes = new int[kept];
        var used = new int[column.Values.Length];
        Array.Fill(used, -1);
        var values = new List<string>();
        int k = 0;
        for (int r = 0; r < column.Codes.Length; r++)
        {
            if (bad[r])
            {
                continue;
            }

            int c = column.Codes[r];
            if (used[c] < 0)
            {
                used[c] = values.Count;
                values.Add(column.Values[c]);
            }

            codes[k++] = used[c];
        }

        return new LabelColumn(column.Name, codes, [.. values]);
    }
}
