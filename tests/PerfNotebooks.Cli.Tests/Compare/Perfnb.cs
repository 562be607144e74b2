using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PerfNotebooks.Cli.Tests.Compare;

/// <summary>
/// Runs the real perfnb CLI (perfnb.dll next to the tests) as a child process in a process group of its
/// own (setsid), with a marker variable its servers inherit so a test can find every process it caused.
/// </summary>
internal sealed class Perfnb : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private Perfnb(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stdout { get { lock (_gate) return _stdout.ToString(); } }

    public string Stderr { get { lock (_gate) return _stderr.ToString(); } }

    public static Perfnb Start(string marker, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
        => StartIn(null, marker, environment, args);

    /// <summary>Starts perfnb in <paramref name="workingDirectory"/> (null: the test's own).</summary>
    public static Perfnb StartIn(string? workingDirectory, string marker, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "perfnb.dll");
        var psi = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        // env --default-signal: a test run started in the background of a non-interactive shell (`cmd &`)
        // passes SIGINT and SIGQUIT on ignored, and .NET keeps ignored signals ignored.
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        psi.ArgumentList.Add("/usr/bin/env");
        psi.ArgumentList.Add("--default-signal=INT,QUIT");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PERFNB_TEST_MARK"] = marker;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return new Perfnb(Process.Start(psi) ?? throw new InvalidOperationException("perfnb did not start"));
    }

    /// <summary>
    /// Starts perfnb on a terminal of its own (util-linux <c>script</c> gives it a pseudo-terminal): stdin, stdout and
    /// stderr are a TTY, and what the test writes to <see cref="Input"/> is what a person would type.
    /// </summary>
    public static Perfnb StartInTerminal(string marker, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "perfnb.dll");
        var command = string.Join(' ', new[] { "exec", "/usr/bin/env", "--default-signal=INT,QUIT", "dotnet", dll }.Concat(args).Select(ShellQuote));
        var psi = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "/usr/bin/script", "--quiet", "--return", "--flush", "--command", command, "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment["PERFNB_TEST_MARK"] = marker;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["TERM"] = "xterm";
        return new Perfnb(Process.Start(psi) ?? throw new InvalidOperationException("script did not start"));
    }

    /// <summary>What the test types (terminal runs only).</summary>
    public StreamWriter Input => _process.StandardInput;

    private static string ShellQuote(string arg) => arg == "exec" ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Runs perfnb to the end and returns its exit code.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string marker, TimeSpan timeout, params string[] args)
        => RunInAsync(null, marker, timeout, args);

    /// <summary>Runs perfnb to the end in <paramref name="workingDirectory"/> and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string? workingDirectory, string marker, TimeSpan timeout, params string[] args)
    {
        await using var p = StartIn(workingDirectory, marker, null, args);
        var code = await p.WaitAsync(timeout);
        return (code, p.Stdout, p.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            KillGroup(Signal.Kill);
            throw new TimeoutException($"perfnb (pid {Pid}) did not finish within {timeout.TotalSeconds} s; stdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
        _process.WaitForExit(); // flush the output readers
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout holds <paramref name="text"/> at least <paramref name="times"/> times.</summary>
    public async Task WaitForOutputAsync(string text, int times, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(Stdout, text) < times)
        {
            if (_process.HasExited) throw new InvalidOperationException($"perfnb exited ({_process.ExitCode}) before printing '{text}' {times} times; stdout:\n{Stdout}\nstderr:\n{Stderr}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"perfnb did not print '{text}' {times} times within {timeout.TotalSeconds} s; stdout:\n{Stdout}");
            await Task.Delay(50);
        }
    }

    public enum Signal { Int = 2, Kill = 9, Term = 15 }

    /// <summary>Sends a signal to perfnb's whole process group (setsid made it the leader).</summary>
    public void KillGroup(Signal signal) => _ = kill(-Pid, (int)signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            KillGroup(Signal.Kill);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
