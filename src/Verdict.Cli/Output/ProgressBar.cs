using System.Diagnostics;
using System.Globalization;

namespace Verdict.Cli.Output;

/// <summary>
/// A one-line progress bar on a terminal's standard error: megabytes read, rate and, when the size is known,
/// percent and time left. Shown only for inputs of more than about 50 MB and at most ten times a second.
/// </summary>
internal sealed class ProgressBar : IProgress<long>
{
    private const long Threshold = 50L << 20;
    private readonly TextWriter _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1;
    private bool _drawn;

    public ProgressBar(TextWriter error, long? totalBytes = null)
    {
        _error = error;
        TotalBytes = totalBytes;
    }

    public long? TotalBytes { get; set; }

    public void Report(long value)
    {
        if (value < Threshold && !_drawn)
        {
            return;
        }

        long now = _clock.ElapsedMilliseconds;
        if (_lastDraw >= 0 && now - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = now;
        _drawn = true;
        double seconds = Math.Max(now / 1000.0, 1e-3);
        double mb = value / 1048576.0, rate = mb / seconds;
        string line = string.Create(CultureInfo.InvariantCulture, $"reading {mb:0} MB at {rate:0} MB/s");
        if (TotalBytes is long total && total > 0)
        {
            double fraction = Math.Min(1, (double)value / total);
            int filled = (int)(fraction * 30);
            double left = rate > 0 ? ((total - value) / 1048576.0) / rate : 0;
            line = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', 30 - filled)}] {fraction * 100,5:0.0}%  {line}, {left:0}s left");
        }

        _error.Write("\r" + line + "   ");
        _error.Flush();
    }

    /// <summary>Clears the bar's line when one was drawn.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            _error.Write("\r" + new string(' ', 90) + "\r");
            _error.Flush();
        }
    }
}
