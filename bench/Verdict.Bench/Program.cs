using BenchmarkDotNet.Running;
using Verdict.Bench;

// Modes:
//   (default)              BenchmarkDotNet: dotnet run -c Release -- --filter '*Confusion*'
//   compare DIR [REPEAT]   times the library calls on the arrays bench/compare.py wrote to DIR (median of REPEAT)
//   profile DIR [REPEAT]   breakdown by phase of the binary curve path and a bare radix sort
//   parse FILE [REPEAT]    times reading the label and score columns of a CSV with the CLI's reader
//   append [N] [RUNS]      exact curves: one shot against a new ScoreAccumulator (append and curve apart, page faults)
if (args.Length > 0 && args[0] == "compare")
{
    return CompareRunner.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "profile")
{
    return Profile.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "append")
{
    return AppendProfile.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "parse")
{
    return CompareRunner.Parse(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
return 0;
