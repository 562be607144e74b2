using System.Globalization;
using System.Text.Json;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Reads a host's environment over SSH with one short shell script (no perfnb needed there yet), and which
/// stacks can run there by asking the deployed perfnb (<c>perfnb servers --json</c>), so a host reports a
/// missing package in the same words as the local catalog does.
/// </summary>
public static class HostProbe
{
    // $1 = the interpreter, $2... = distributions. key=value lines; the Python part is one JSON line.
    private const string Script = """
        LC_ALL=C; export LC_ALL
        python=$1; shift
        printf 'hostname=%s\n' "$(uname -n)"
        printf 'kernel=%s\n' "$(uname -r)"
        printf 'arch=%s\n' "$(uname -m)"
        printf 'cores=%s\n' "$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
        printf 'cpu=%s\n' "$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)"
        printf 'memory_kb=%s\n' "$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\).*/\1/p' /proc/meminfo 2>/dev/null)"
        printf 'os=%s\n' "$( (. /etc/os-release 2>/dev/null && printf '%s' "$PRETTY_NAME") )"
        printf 'ssh_connection=%s\n' "$SSH_CONNECTION"
        if [ -x "$python" ]; then
          printf 'python=%s\n' "$("$python" -c '
        import json, sys, platform
        from importlib import metadata as md
        out = {"python": platform.python_version(), "packages": {}}
        for name in sys.argv[1:]:
            try: out["packages"][name] = md.version(name)
            except Exception: out["packages"][name] = "missing"
        print(json.dumps(out))' "$@" 2>/dev/null)"
        fi
        """;

    /// <summary>
    /// The host's CPU, cores, memory, kernel, OS, and <paramref name="python"/>'s version with the versions of
    /// <paramref name="packages"/> ("missing" for each when the interpreter is not there).
    /// </summary>
    public static async Task<HostEnvironment> EnvironmentAsync(
        SshConnection connection, string python, IReadOnlyList<string> packages, CancellationToken cancellationToken = default)
    {
        var result = await connection.RunScriptAsync(Script, [python, .. packages], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new HostException(connection.Address, $"reading the environment of {connection.Address} failed: {result.LastErrorLine}");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq > 0) values[line[..eq]] = line[(eq + 1)..].Trim();
        }
        string Value(string key) => values.TryGetValue(key, out var v) ? v : "";

        var found = packages.ToDictionary(p => p, _ => "missing", StringComparer.Ordinal);
        var pythonVersion = "";
        if (Value("python") is { Length: > 0 } json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                pythonVersion = doc.RootElement.GetProperty("python").GetString() ?? "";
                foreach (var p in doc.RootElement.GetProperty("packages").EnumerateObject()) found[p.Name] = p.Value.GetString() ?? "";
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // An interpreter that is not a Python 3 we can read: versions stay unknown.
            }
        }
        // "client-address client-port own-address own-port"
        var ends = Value("ssh_connection").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _ = int.TryParse(Value("cores"), NumberStyles.None, CultureInfo.InvariantCulture, out var cores);
        _ = long.TryParse(Value("memory_kb"), NumberStyles.None, CultureInfo.InvariantCulture, out var memoryKb);
        return new HostEnvironment
        {
            Address = connection.Address.ToString(),
            Hostname = Value("hostname"),
            Kernel = Value("kernel"),
            Architecture = Value("arch"),
            Cores = cores,
            CpuModel = Value("cpu"),
            MemoryBytes = memoryKb * 1024,
            Os = Value("os"),
            OwnAddress = ends.Length >= 3 ? ends[2] : "",
            ControllerAddress = ends.Length >= 1 ? ends[0] : "",
            PythonExecutable = python,
            PythonVersion = pythonVersion,
            Packages = new SortedDictionary<string, string>(found, StringComparer.Ordinal),
        };
    }

    /// <summary>Every catalog stack and whether it runs on the host under <paramref name="python"/>, from the deployed perfnb.</summary>
    public static async Task<IReadOnlyList<HostStackStatus>> StacksAsync(
        SshConnection connection, DeployedPerfnb perfnb, string python, CancellationToken cancellationToken = default)
    {
        var result = await connection.RunAsync([perfnb.Executable, "servers", "--json", "--python", python], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new HostException(connection.Address, $"perfnb servers on {connection.Address} failed (exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}): {result.LastErrorLine}");
        try
        {
            using var doc = JsonDocument.Parse(result.StandardOutput);
            return [.. doc.RootElement.EnumerateArray().Select(s => new HostStackStatus(
                s.GetProperty("name").GetString() ?? "",
                s.GetProperty("installed").GetBoolean(),
                s.GetProperty("detail").GetString() ?? ""))];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new HostException(connection.Address, $"perfnb servers on {connection.Address} did not answer with its JSON catalog: {e.Message}");
        }
    }
}
