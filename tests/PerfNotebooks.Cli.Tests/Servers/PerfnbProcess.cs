using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PerfNotebooks.Cli.Tests.Servers;

/// <summary>Runs the real perfnb (dotnet perfnb.dll, built next to the tests) as a child process.</summary>
internal sealed class PerfnbProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();
    private readonly List<string> _stdout = [];
    private readonly SemaphoreSlim _lines = new(0);

    private PerfnbProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lock) _stdout.Add(e.Data);
            _lines.Release();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lock) _stderr.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "perfnb.dll");

    /// <summary>Starts perfnb with <paramref name="args"/>; <paramref name="environment"/> is added to the inherited one.</summary>
    public static PerfnbProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Through env --default-signal: a test run started in the background of a non-interactive shell
        // (`cmd &`) passes SIGINT and SIGQUIT on ignored, and .NET keeps ignored signals ignored.
        var info = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--default-signal=INT,QUIT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return new PerfnbProcess(Process.Start(info)!);
    }

    /// <summary>Runs perfnb to completion (at most <paramref name="timeout"/>).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var perfnb = Start(args, environment);
        var code = await perfnb.WaitForExitAsync(timeout);
        return (code, perfnb.Stdout, perfnb.Stderr);
    }

    public string Stdout
    {
        get { lock (_lock) return string.Join('\n', _stdout); }
    }

    public string Stderr
    {
        get { lock (_lock) return _stderr.ToString(); }
    }

    /// <summary>Waits for a stdout line that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            lock (_lock)
            {
                for (; seen < _stdout.Count; seen++)
                    if (_stdout[seen].StartsWith(prefix, StringComparison.Ordinal)) return _stdout[seen];
            }
            if (_process.HasExited && _lines.CurrentCount == 0)
                throw new InvalidOperationException($"perfnb exited ({_process.ExitCode}) before printing '{prefix}'. stdout: {Stdout} stderr: {Stderr}");
            try { await _lines.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"no line '{prefix}' within {timeout}. stdout: {Stdout} stderr: {Stderr}"); }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public void Signal(int signal) => Assert.Equal(0, SysKill(_process.Id, signal));

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
