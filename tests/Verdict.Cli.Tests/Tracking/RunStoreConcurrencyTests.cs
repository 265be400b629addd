using Verdict.Cli.Tracking;

namespace Verdict.Cli.Tests.Tracking;

public sealed class RunStoreConcurrencyTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Add_ManyWritersWithTheirOwnConnections_KeepsEveryRunWhole()
    {
        const int writers = 8, perWriter = 25;
        RunRecord template = RunRecord.FromReport(Samples.Digits(), "report");
        int metricsPerRun = template.Metrics.Count + template.PerClass.Count;
        using var start = new ManualResetEventSlim();
        var uids = new System.Collections.Concurrent.ConcurrentBag<string>();

        Task[] tasks = [.. Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            start.Wait();
            for (int i = 0; i < perWriter; i++)
            {
                // A fresh store per run: a new connection each time, as separate CI jobs would have.
                var store = new RunStore(_home.DatabasePath);
                RunRecord run = template with { Uid = Guid.NewGuid().ToString("N"), Time = DateTimeOffset.UtcNow, Name = $"w{w}-{i}" };
                store.Add(run);
                uids.Add(run.Uid);
            }
        }))];
        Task reader = Task.Run(() =>
        {
            start.Wait();
            var store = new RunStore(_home.DatabasePath);
            for (int i = 0; i < 20; i++)
            {
                foreach (RunRecord r in store.List(new RunQuery(5)))
                {
                    // A run is visible only with all its metrics (one transaction).
                    Assert.Equal(metricsPerRun, r.Metrics.Count + r.PerClass.Count);
                }
            }
        });
        start.Set();
        await Task.WhenAll([.. tasks, reader]);

        var check = new RunStore(_home.DatabasePath);
        IReadOnlyList<RunRecord> all = check.List(new RunQuery());
        Assert.Equal(writers * perWriter, all.Count);
        Assert.Equal(uids.Order(StringComparer.Ordinal), all.Select(r => r.Uid).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), all.Select(r => r.Id));
        Assert.All(all, r => Assert.Equal(metricsPerRun, r.Metrics.Count + r.PerClass.Count));
        Assert.Equal("ok", check.IntegrityCheck());
        Assert.Equal("wal", check.JournalMode());
    }
}
