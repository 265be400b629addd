using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Verdict.Cli.Input;

namespace Verdict.Bench.Benchmarks;

/// <summary>
/// Reading a prediction CSV (label, predicted label, score) into columns with the CLI's reader: interned label
/// codes and parsed doubles. Reported per call; divide the file size by the time for MB/s.
/// </summary>
[Config(typeof(BenchConfig))]
public class CsvBenchmarks
{
    private static readonly ColumnSpec[] Columns = [ColumnSpec.Label("label"), ColumnSpec.Label("predicted"), ColumnSpec.Number("p_fraud")];
    private string _path = "";

    [Params(100_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"verdict-bench-{N}.csv");
        (double[] scores, byte[] labels) = SyntheticData.Binary(N, 7);
        using var writer = new StreamWriter(_path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("label,predicted,p_fraud\n");
        for (int i = 0; i < N; i++)
        {
            string actual = labels[i] == 1 ? "fraud" : "legit";
            string predicted = scores[i] >= 0.5 ? "fraud" : "legit";
            writer.Write(actual);
            writer.Write(',');
            writer.Write(predicted);
            writer.Write(',');
            writer.Write(scores[i].ToString("R", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>The three columns of the whole file.</summary>
    [Benchmark]
    public long ReadCsv() => TableReader.Read(_path, Columns, ReadOptions.Default).Rows;
}
