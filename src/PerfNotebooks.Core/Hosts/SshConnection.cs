using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace PerfNotebooks.Hosts;

/// <summary>
/// One host reached through the system's OpenSSH client. Every command shares one master connection
/// (ControlMaster=auto, the control socket in a private temporary folder, ControlPersist so it ends by
/// itself when idle), so only the first pays a handshake. BatchMode is always on: a key or host key ssh
/// cannot use fails at once instead of prompting. Commands go to the remote user's shell as a single
/// line of single-quoted words, so arguments arrive as given. Dispose closes the master.
/// </summary>
public sealed partial class SshConnection : IAsyncDisposable
{
    /// <summary>ssh's exit code for its own failures; any other code is the remote command's.</summary>
    public const int SshFailureExitCode = 255;

    private readonly DirectoryInfo _controlDirectory;
    private int _disposed;

    private SshConnection(HostAddress address, SshOptions options)
    {
        Address = address;
        Options = options;
        // Mode 0700 (CreateTempSubdirectory's default on Unix): the control socket gives a shell on the host
        // to whoever can open it. Kept short: a socket path may not exceed 107 bytes.
        _controlDirectory = Directory.CreateTempSubdirectory("perfnb-ssh-");
    }

    /// <summary>The host this connection reaches.</summary>
    public HostAddress Address { get; }

    /// <summary>How ssh is called.</summary>
    public SshOptions Options { get; }

    /// <summary>The remote user's home directory ($HOME), read when the connection opened.</summary>
    public string HomeDirectory { get; private set; } = "";

    /// <summary>The control socket the master listens on.</summary>
    public string ControlPath => Path.Combine(_controlDirectory.FullName, "cm");

    /// <summary>
    /// Opens the master connection and reads the remote $HOME, which proves a shell runs there. A host that
    /// cannot be reached, or refuses the key or the host key, is a <see cref="HostUnreachableException"/>
    /// carrying ssh's own last line.
    /// </summary>
    public static async Task<SshConnection> OpenAsync(HostAddress address, SshOptions? options = null, CancellationToken cancellationToken = default)
    {
        var connection = new SshConnection(address, options ?? new SshOptions());
        try
        {
            var result = await connection.ExecuteAsync("printf '%s\\n' \"$HOME\"", null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
                throw new HostUnreachableException(address, result.LastErrorLine.Length > 0
                    ? result.LastErrorLine
                    : $"ssh exited with code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}");
            connection.HomeDirectory = result.StandardOutput.Trim();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> (program and arguments, each passed as one word) and returns its exit
    /// code and output. ssh's own failure (exit 255: the host went away) is a <see cref="HostLostException"/>.
    /// </summary>
    public async Task<RemoteCommandResult> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default)
        => Checked(await ExecuteAsync(ShellQuote.Join(command), null, cancellationToken).ConfigureAwait(false), command[0]);

    /// <summary>Runs a POSIX sh script with <paramref name="arguments"/> as $1, $2, ...; as <see cref="RunAsync"/>.</summary>
    public async Task<RemoteCommandResult> RunScriptAsync(string script, IReadOnlyList<string>? arguments = null, CancellationToken cancellationToken = default)
        => Checked(await ExecuteAsync(ScriptLine(script, arguments ?? []), null, cancellationToken).ConfigureAwait(false), "sh");

    /// <summary>
    /// Copies one local file to <paramref name="remotePath"/> through the connection (<c>cat &gt;</c> into a
    /// temporary name, then a rename, so a reader never sees half a file), with the given octal mode.
    /// </summary>
    public async Task CopyToAsync(string localFile, string remotePath, string mode = "644", CancellationToken cancellationToken = default)
    {
        const string script = """set -e; tmp="$1.part.$$"; trap 'rm -f "$tmp"' EXIT; cat > "$tmp"; chmod "$2" "$tmp"; mv -f "$tmp" "$1"; trap - EXIT""";
        var result = Checked(
            await ExecuteAsync(ScriptLine(script, [remotePath, mode]), PipeSource.FromFile(localFile), cancellationToken).ConfigureAwait(false), "cat");
        if (result.ExitCode != 0)
            throw new HostException(Address, $"copying {localFile} to {remotePath} on {Address} failed: {result.LastErrorLine}");
    }

    /// <summary>
    /// Sends a signal ("TERM", "KILL", "INT") to every process of the remote process group <paramref name="processGroup"/>.
    /// False when the group is gone (or the host cannot be asked).
    /// </summary>
    public async Task<bool> SignalGroupAsync(int processGroup, string signal, CancellationToken cancellationToken = default)
    {
        if (processGroup <= 1) return false;
        var result = await ExecuteAsync(
            ShellQuote.Join(["kill", "-s", signal, "--", "-" + processGroup.ToString(CultureInfo.InvariantCulture)]) + " 2>/dev/null",
            null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    /// <summary>Whether any process of the remote group is alive (<c>kill -0</c>); false also when the host cannot be asked.</summary>
    public async Task<bool> GroupAliveAsync(int processGroup, CancellationToken cancellationToken = default)
        => await SignalGroupAsync(processGroup, "0", cancellationToken).ConfigureAwait(false);

    /// <summary>Closes the master connection and deletes the control folder. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (File.Exists(ControlPath))
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Cli.Wrap(Options.SshExecutable)
                    .WithArguments([.. CommonArguments(), "-O", "exit", Address.Destination])
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception)
            {
                // ControlPersist ends the master by itself once idle.
            }
        }
        try
        {
            _controlDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <inheritdoc />
    public override string ToString() => Address.ToString();

    /// <summary>ssh's command for one remote command line (a single shell line), without pipes attached.</summary>
    internal Command Command(string remoteCommandLine)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        return Cli.Wrap(Options.SshExecutable)
            .WithArguments([.. CommonArguments(), "-T", "-x", "-a", "--", Address.Destination, remoteCommandLine])
            .WithValidation(CommandResultValidation.None);
    }

    /// <summary><c>sh -c SCRIPT perfnb ARGS...</c> as one quoted line: the script sees ARGS as $1, $2, ...</summary>
    internal static string ScriptLine(string script, IReadOnlyList<string> arguments)
        => ShellQuote.Join(["sh", "-c", script, "perfnb", .. arguments]);

    /// <summary>Runs one remote command line to its end, with its output buffered.</summary>
    internal async Task<RemoteCommandResult> ExecuteAsync(string remoteCommandLine, PipeSource? input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await Command(remoteCommandLine)
                .WithStandardInputPipe(input ?? PipeSource.Null)
                .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            return new RemoteCommandResult(result.ExitCode, result.StandardOutput, result.StandardError, clock.Elapsed);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PerfNotebooksException($"the ssh client '{Options.SshExecutable}' cannot run ({e.Message}); install OpenSSH's client (Debian: apt-get install openssh-client).", e);
        }
    }

    /// <summary>Options every invocation shares: batch mode, the shared master, keep-alives, and what the caller set.</summary>
    private List<string> CommonArguments()
    {
        var args = new List<string>();
        if (Options.ConfigFile is { } config) args.AddRange(["-F", config]);
        void Option(string keyValue) => args.AddRange(["-o", keyValue]);
        Option("BatchMode=yes");
        Option("ControlMaster=auto");
        Option("ControlPath=" + ControlPath);
        Option("ControlPersist=" + Seconds(Options.ControlPersist));
        Option("ConnectTimeout=" + Seconds(Options.ConnectTimeout));
        Option("ServerAliveInterval=" + Seconds(Options.AliveInterval));
        Option("ServerAliveCountMax=" + Options.AliveCountMax.ToString(CultureInfo.InvariantCulture));
        // "Warning: Permanently added ..." and the like would read as a command's error output.
        Option("LogLevel=ERROR");
        if (Options.IdentityFile is { } key)
        {
            args.AddRange(["-i", key]);
            Option("IdentitiesOnly=yes");
        }
        if (Options.KnownHostsFile is { } knownHosts) Option("UserKnownHostsFile=" + knownHosts);
        if (Options.StrictHostKeyChecking is { } strict) Option("StrictHostKeyChecking=" + strict);
        foreach (var extra in Options.ExtraOptions) Option(extra);
        if (Address.Port is { } port) args.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    // The commands this library runs never exit 255 themselves: 255 is ssh saying the host went away.
    private RemoteCommandResult Checked(RemoteCommandResult result, string what)
    {
        if (result.ExitCode == SshFailureExitCode)
            throw new HostLostException(Address, $"{what}: {(result.LastErrorLine.Length > 0 ? result.LastErrorLine : "ssh exited with code 255")}");
        return result;
    }

    private static string Seconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
