using System.Diagnostics;
using Verdict.Cli.Tracking;

namespace Verdict.Cli.Tests.Tracking;

/// <summary>Two CI jobs at once: two real verdict processes recording runs into one history concurrently.</summary>
public sealed class RunStoreTwoProcessTests
{
    private const int RunsPerProcess = 12;

    [Fact]
    public void TwoProcesses_RecordingAtOnce_LoseAndCorruptNothing()
    {
        string home = Directory.CreateTempSubdirectory("verdict-two-processes-").FullName;
        string tool = Path.Combine(AppContext.BaseDirectory, "Verdict.Cli.dll");
        string sample = Path.Combine(AppContext.BaseDirectory, "samples", "breast_cancer.csv");
        string script = $"for i in $(seq {RunsPerProcess}); do dotnet '{tool}' report '{sample}' --actual diagnosis --predicted predicted --quiet --tag job=$JOB > /dev/null || exit 1; done";
        Process[] jobs = new[] { "a", "b" }.Select(job =>
        {
            var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardError = true };
            start.Environment["VERDICT_HOME"] = home;
            start.Environment["JOB"] = job;
            return Process.Start(start)!;
        }).ToArray();
        foreach (Process job in jobs)
        {
            string err = job.StandardError.ReadToEnd();
            Assert.True(job.WaitForExit(240_000), "a job did not finish in time");
            Assert.True(job.ExitCode == 0, err);
        }

        var store = new RunStore(Path.Combine(home, "runs.db"));
        Assert.Equal("ok", store.IntegrityCheck());
        Assert.Equal(2 * RunsPerProcess, store.Count([]));
        Assert.Equal(RunsPerProcess, store.Count([RunFilter.Parse("tag.job=a")]));
        Assert.Equal(RunsPerProcess, store.Count([RunFilter.Parse("tag.job=b")]));
        Directory.Delete(home, recursive: true);
    }
}
