using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Verdict.Bench;

/// <summary>
/// One launch, two warm-ups, five measured iterations: inputs of 1e7 rows take up to seconds per call, and the
/// machine is shared, so a short job with the median reported is the useful trade-off. Allocations are shown.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithUnrollFactor(1).WithInvocationCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance);
        AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
