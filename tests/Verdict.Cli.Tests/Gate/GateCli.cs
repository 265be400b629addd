using System.Globalization;
using System.Text;
using Verdict.Cli.Tests.Input;

namespace Verdict.Cli.Tests.Gate;

/// <summary>Runs the command line in-process, with a scratch folder holding a small binary prediction file.</summary>
public sealed class GateCli : IDisposable
{
    // "fraud": TP 2, FN 2, FP 2, TN 4 at 0.5 (precision = recall = f1 = 0.5; accuracy 0.6).
    private static readonly string[] Labels = ["fraud", "fraud", "fraud", "fraud", "legit", "legit", "legit", "legit", "legit", "legit"];
    private static readonly double[] Scores = [0.9, 0.8, 0.4, 0.3, 0.7, 0.2, 0.1, 0.35, 0.05, 0.6];

    public GateCli()
    {
        var csv = new StringBuilder("id,label,p_fraud,predicted\n");
        for (int i = 0; i < Labels.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{Labels[i]},{Scores[i].ToString("R", CultureInfo.InvariantCulture)},{(Scores[i] >= 0.5 ? "fraud" : "legit")}\n");
        }

        Data = Files.Text("small.csv", csv.ToString());
    }

    public TempFiles Files { get; } = new();

    /// <summary>The small binary file: columns id, label, p_fraud, predicted.</summary>
    public string Data { get; }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    public static (int Code, string Out, string Err) RunWithInput(string? stdin, params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        using var input = stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        int code = CommandLine.Run(args, stdout, stderr, input);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a spec for the small file: the given rules and extra top-level lines.</summary>
    public string Spec(string rules, string extra = "", string name = "spec.yaml") => Files.Text(name,
        "version: 1\n" +
        "columns: { actual: label, predicted: predicted, score: p_fraud }\n" +
        "positive: fraud\n" +
        extra +
        "rules:\n" + rules);

    public void Dispose() => Files.Dispose();
}
