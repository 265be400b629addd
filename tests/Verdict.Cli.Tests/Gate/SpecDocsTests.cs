using System.Text.Json.Nodes;
using Verdict.Cli.Spec;
using Verdict.Gates;

namespace Verdict.Cli.Tests.Gate;

/// <summary>The JSON Schema and docs/gate.md stay in step with the loader, the catalogue and the gate's real output.</summary>
public sealed class SpecDocsTests : IDisposable
{
    private readonly GateCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Repo(string relative)
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    [Fact]
    public void Schema_KeysAndNames_MatchTheLoaderAndCatalogue()
    {
        JsonObject schema = JsonNode.Parse(File.ReadAllText(Repo("docs/verdict-spec.schema.json")))!.AsObject();
        JsonObject defs = schema["$defs"]!.AsObject();

        Assert.Equal(SpecLoader.TopKeys.Order(), schema["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(SpecLoader.ColumnKeys.Order(), schema["properties"]!["columns"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(SpecLoader.RuleKeys.Order(), defs["rule"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(SpecLoader.BaselineKeys.Order(), schema["properties"]!["baseline"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(MetricCatalog.Names, defs["metric"]!["enum"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(MetricCatalog.AverageNameList.Concat(["ovr_macro", "ovr_weighted"]).Order(), defs["average"]!["enum"]!.AsArray().Select(n => (string)n!).Order());
    }

    [Fact]
    public void Docs_FraudExample_FailingVariantPrintsTheDocumentedTable()
    {
        string spec = File.ReadAllText(GateCli.Sample("fraud.spec.yaml"))
            .Replace("min: 0.70 }", "min: 0.80 }", StringComparison.Ordinal)
            .Replace("\"roc_auc\": 0.005 }", "\"roc_auc\": 0.005, \"precision[fraud]\": 0.05 }", StringComparison.Ordinal);
        string path = _cli.Files.Text("fraud-strict.spec.yaml", spec);
        File.Copy(GateCli.Sample("fraud.baseline.json"), _cli.Files.Path("fraud.baseline.json"));

        (int code, string stdout, string stderr) = GateCli.Run("gate", GateCli.Sample("fraud.csv"), "--spec", path);

        Assert.True(code == 1, stderr);
        string docs = File.ReadAllText(Repo("docs/gate.md"));
        foreach (string line in stdout.TrimEnd('\n').Split('\n').Where(l => l.Length > 0))
        {
            Assert.Contains(line, docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Docs_FraudExample_PassingOutputIsDocumented()
    {
        (int code, string stdout, _) = GateCli.Run("gate", GateCli.Sample("fraud.csv"), "--spec", GateCli.Sample("fraud.spec.yaml"));
        (_, string markdown, _) = GateCli.Run("gate", GateCli.Sample("fraud.csv"), "--spec", GateCli.Sample("fraud.spec.yaml"), "--format", "markdown");

        Assert.Equal(0, code);
        string docs = File.ReadAllText(Repo("docs/gate.md"));
        Assert.Contains(stdout, docs, StringComparison.Ordinal);
        string table = markdown[..markdown.IndexOf("\n<details>", StringComparison.Ordinal)];
        Assert.Contains(table, docs, StringComparison.Ordinal);
    }
}
