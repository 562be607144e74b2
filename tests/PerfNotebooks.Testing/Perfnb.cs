using System.Diagnostics;

namespace PerfNotebooks.Testing;

/// <summary>
/// Runs the real perfnb (dotnet perfnb.dll as built in this checkout) as a child process in a session and process
/// group of its own (setsid), with a marker variable its servers inherit so a test can find every process it caused.
/// Disposing kills the whole group.
/// </summary>
public sealed class Perfnb : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly SemaphoreSlim _lines = new(0);

    private Perfnb(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_gate) _stdout.Add(e.Data);
            _lines.Release();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _stderr.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>perfnb.dll as built in this checkout: next to the test assembly (the Cli project is built with it), or in the Cli's own output folder.</summary>
    public static string Dll { get; } = FindDll();

    /// <summary>perfnb's PID; it leads its session and process group.</summary>
    public int Pid => _process.Id;

    /// <summary>What perfnb wrote to stdout so far, a line break after each line.</summary>
    public string Stdout { get { lock (_gate) return string.Concat(_stdout.Select(l => l + "\n")); } }

    /// <summary>What perfnb wrote to stderr so far, a line break after each line.</summary>
    public string Stderr { get { lock (_gate) return string.Concat(_stderr.Select(l => l + "\n")); } }

    /// <summary>What the test types (terminal runs only).</summary>
    public StreamWriter Input => _process.StandardInput;

    /// <summary>Starts perfnb with <paramref name="args"/>; <paramref name="marker"/> (null: none) and <paramref name="environment"/> are added to the inherited environment.</summary>
    public static Perfnb Start(IEnumerable<string> args, string? marker = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("/usr/bin/setsid") { WorkingDirectory = workingDirectory ?? "" };
        // env --default-signal: a test run started in the background of a non-interactive shell (`cmd &`)
        // passes SIGINT and SIGQUIT on ignored, and .NET keeps ignored signals ignored.
        foreach (var a in new[] { "/usr/bin/env", "--default-signal=INT,QUIT", "dotnet", Dll }.Concat(args)) start.ArgumentList.Add(a);
        return Launch(start, marker, environment);
    }

    /// <summary>Starts perfnb with a marker (see <see cref="Start(IEnumerable{string}, string?, IReadOnlyDictionary{string, string}?, string?)"/>).</summary>
    public static Perfnb Start(string marker, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
        => Start(args, marker, environment);

    /// <summary>Starts perfnb in <paramref name="workingDirectory"/> (null: the test's own).</summary>
    public static Perfnb StartIn(string? workingDirectory, string marker, IReadOnlyDictionary<string, string>? environment, params string[] args)
        => Start(args, marker, environment, workingDirectory);

    /// <summary>
    /// Starts perfnb on a terminal of its own (util-linux <c>script</c> gives it a pseudo-terminal): stdin, stdout and
    /// stderr are a TTY, and what the test writes to <see cref="Input"/> is what a person would type.
    /// </summary>
    public static Perfnb StartInTerminal(string marker, params string[] args)
    {
        var command = string.Join(' ', new[] { "/usr/bin/env", "--default-signal=INT,QUIT", "dotnet", Dll }.Concat(args).Select(ShellQuote));
        var start = new ProcessStartInfo("/usr/bin/setsid");
        foreach (var a in new[] { "/usr/bin/script", "--quiet", "--return", "--flush", "--command", "exec " + command, "/dev/null" }) start.ArgumentList.Add(a);
        return Launch(start, marker, new Dictionary<string, string> { ["TERM"] = "xterm" });
    }

    /// <summary>Runs perfnb to its end (at most <paramref name="timeout"/>).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? marker = null, string? workingDirectory = null)
    {
        await using var perfnb = Start(args, marker, environment, workingDirectory);
        var code = await perfnb.WaitAsync(timeout);
        return (code, perfnb.Stdout, perfnb.Stderr);
    }

    /// <summary>Runs perfnb to its end with a marker.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string marker, TimeSpan timeout, params string[] args)
        => RunAsync(args, timeout, null, marker);

    /// <summary>Runs perfnb to its end in <paramref name="workingDirectory"/> with a marker.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string? workingDirectory, string marker, TimeSpan timeout, params string[] args)
        => RunAsync(args, timeout, null, marker, workingDirectory);

    /// <summary>Waits for perfnb's end and returns its exit code; on timeout kills its group and says so.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            KillGroup(ProcessGroups.Signal.Kill);
            throw new TimeoutException($"perfnb (pid {Pid}) did not finish within {timeout.TotalSeconds} s; stdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
        _process.WaitForExit(); // drains the redirected output
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

    /// <summary>Waits for a stdout line that starts with <paramref name="prefix"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            lock (_gate)
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

    /// <summary>Sends a signal to perfnb alone, and asserts it arrived.</summary>
    public void Signal(ProcessGroups.Signal signal) => Xunit.Assert.True(ProcessGroups.Send(Pid, signal), $"perfnb (pid {Pid}) is gone");

    /// <summary>Sends signal number <paramref name="signal"/> to perfnb alone, and asserts it arrived.</summary>
    public void Signal(int signal) => Signal((ProcessGroups.Signal)signal);

    /// <summary>Sends a signal to perfnb's whole process group (setsid made it the leader).</summary>
    public void KillGroup(ProcessGroups.Signal signal) => ProcessGroups.SendToGroup(Pid, signal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            KillGroup(ProcessGroups.Signal.Kill);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _lines.Dispose();
    }

    private static Perfnb Launch(ProcessStartInfo start, string? marker, IReadOnlyDictionary<string, string>? environment)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        if (marker is not null) start.Environment[MarkedProcesses.Variable] = marker;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return new Perfnb(Process.Start(start) ?? throw new InvalidOperationException("perfnb did not start"));
    }

    private static string FindDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "perfnb.dll");
        if (File.Exists(beside)) return beside;
        // A test project that builds the Cli without referencing it: its output folder, same configuration.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')));
        return Path.Combine(RepoRoot.Path, "src", "PerfNotebooks.Cli", "bin", configuration!, "net10.0", "perfnb.dll");
    }

    private static string ShellQuote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
