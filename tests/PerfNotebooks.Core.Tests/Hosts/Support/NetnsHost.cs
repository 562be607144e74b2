using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts.Support;

/// <summary>
/// One stand-in host: a network namespace whose eth0 is a veth into the lab's switch, with an address of
/// the lab's private subnet and Debian's sshd listening on it (throwaway host key, the lab's user key in its
/// authorized_keys). It shares the filesystem, users and PIDs with the test machine; its deploy folder is
/// its own (<see cref="DeployRoot"/>). Made and removed by <see cref="NetnsLab"/>.
/// </summary>
public sealed class NetnsHost
{
    private Process? _sshd;

    internal NetnsHost(string name, string ipAddress, int port, string folder)
    {
        Namespace = name;
        IpAddress = ipAddress;
        Port = port;
        Folder = folder;
        DeployRoot = Path.Combine(folder, "deploy");
        Directory.CreateDirectory(DeployRoot);
    }

    /// <summary>The network namespace's name.</summary>
    public string Namespace { get; }

    /// <summary>Its address on the lab subnet, e.g. 10.213.57.11.</summary>
    public string IpAddress { get; }

    public int Port { get; }

    /// <summary>Its private temporary folder (keys, sshd config and log, deploy root).</summary>
    public string Folder { get; }

    /// <summary>Where perfnb is deployed on this host (in place of ~/.cache/perfnb).</summary>
    public string DeployRoot { get; }

    /// <summary>ssh://root@ADDRESS:PORT.</summary>
    public HostAddress Address => new("root", IpAddress, Port);

    /// <summary>PID (and process group) of the sshd listener; 0 when not running.</summary>
    public int SshdPid => _sshd is { HasExited: false } p ? p.Id : 0;

    /// <summary>What sshd logged (-e), for a failing test's message.</summary>
    public string SshdLog => File.Exists(Path.Combine(Folder, "sshd.log")) ? File.ReadAllText(Path.Combine(Folder, "sshd.log")) : "";

    /// <summary>The host key line for a known_hosts file.</summary>
    internal string KnownHostsLine { get; private set; } = "";

    private string _authorizedKeys = "";

    /// <summary>Brings a host lost by <see cref="KillSshd"/> back (same keys, same address).</summary>
    public void RestartSshd()
    {
        KillSshd();
        StartSshd(_authorizedKeys, keepHostKey: true);
    }

    internal void StartSshd(string authorizedKeys, bool keepHostKey = false)
    {
        _authorizedKeys = authorizedKeys;
        var hostKey = Path.Combine(Folder, "host_key");
        if (!keepHostKey) Commands.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "perfnb-test-host", "-f", hostKey);
        var publicKey = File.ReadAllText(hostKey + ".pub").Split(' ');
        KnownHostsLine = $"[{IpAddress}]:{Port.ToString(CultureInfo.InvariantCulture)} {publicKey[0]} {publicKey[1].Trim()}";
        var config = Path.Combine(Folder, "sshd_config");
        // An empty config: sshd's built-in defaults (root may log in with a key only), nothing from /etc/ssh.
        File.WriteAllText(config, "");
        Directory.CreateDirectory("/run/sshd");
        var log = Path.Combine(Folder, "sshd.log");
        // setsid: sshd leads its own process group (ip netns exec execs, it does not fork), so the group is killed at once.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[]
        {
            "-c", "exec setsid ip netns exec \"$0\" /usr/sbin/sshd -D -e -f \"$1\" -p \"$2\" -h \"$3\" -o AuthorizedKeysFile=\"$4\" -o ListenAddress=\"$5\" -o PidFile=none -o StrictModes=no -o UseDNS=no 2>\"$6\"",
            Namespace, config, Port.ToString(CultureInfo.InvariantCulture), hostKey, authorizedKeys, IpAddress, log,
        }) psi.ArgumentList.Add(a);
        _sshd = Process.Start(psi) ?? throw new InvalidOperationException("sshd did not start");
        WaitUntilListening();
    }

    /// <summary>Loses the host: kills every sshd of this namespace (listener and sessions), as a dropped network would end them.</summary>
    public void KillSshd()
    {
        foreach (var pid in Pids())
            if (Comm(pid) == "sshd") _ = Commands.TryRun("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
        _sshd?.WaitForExit(5000);
        _sshd?.Dispose();
        _sshd = null;
    }

    /// <summary>Every process inside this namespace (ip netns pids).</summary>
    public IReadOnlyList<int> Pids()
    {
        var (code, stdout, _) = Commands.TryRun("ip", "netns", "pids", Namespace);
        return code != 0 ? [] : [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture))];
    }

    /// <summary>Kills everything in the namespace and waits (up to 10 s) until nothing is left.</summary>
    internal void KillAll()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var pids = Pids();
            if (pids.Count == 0) break;
            foreach (var pid in pids) _ = Commands.TryRun("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
            Thread.Sleep(50);
        }
        _sshd?.WaitForExit(5000);
        _sshd?.Dispose();
        _sshd = null;
    }

    public override string ToString() => $"{Namespace} ({Address})";

    private void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_sshd!.HasExited) throw new InvalidOperationException($"sshd in {Namespace} exited: {SshdLog}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IpAddress, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"sshd in {Namespace} did not listen on {IpAddress}:{Port} within 20 s: {SshdLog}");
    }

    private static string Comm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return ""; }
    }
}
