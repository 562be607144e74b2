using System.Globalization;
using System.Net.NetworkInformation;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts.Support;

/// <summary>
/// A small lab of stand-in hosts on this machine: a "switch" namespace holding a bridge, one namespace per
/// host (<see cref="NetnsHost"/>) plugged into it by a veth pair, and one veth from the test machine's own
/// namespace into the switch, all on a private /24 of 10.213.0.0/16 that exists only here. The hosts reach
/// each other over the bridge, so the test machine forwards nothing (ip_forward stays as it is). Every
/// name carries this process's PID: labs left by a killed test run are swept on the next. Dispose kills
/// every process in the namespaces, deletes them (their veths go with them) and the keys.
/// </summary>
public sealed class NetnsLab : IDisposable
{
    private const string Prefix = "pnb-";
    private static int _labs;

    private readonly List<NetnsHost> _hosts = [];
    private readonly string _switch;
    private readonly string _folder;
    private bool _disposed;

    /// <summary>Null when labs can be made here; otherwise one line saying why not (the tests then skip).</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    private NetnsLab(int subnet)
    {
        Subnet = subnet;
        Id = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _labs).ToString(CultureInfo.InvariantCulture);
        _switch = Prefix + Id + "-sw";
        // Mode 0700 (CreateTempSubdirectory's): the user key is in it; sshd and the remote user are root here.
        _folder = Directory.CreateTempSubdirectory("perfnb-lab-").FullName;
    }

    /// <summary>The third octet of the lab's 10.213.N.0/24.</summary>
    public int Subnet { get; }

    /// <summary>This lab's part of every namespace name.</summary>
    public string Id { get; }

    /// <summary>The test machine's address on the lab (10.213.N.1).</summary>
    public string ControllerAddress => $"10.213.{Subnet.ToString(CultureInfo.InvariantCulture)}.1";

    public IReadOnlyList<NetnsHost> Hosts => _hosts;

    /// <summary>A deploy root with ssh's %h token: each host gets a folder of its own (they share this machine's disk).</summary>
    public string DeployRootPattern => Path.Combine(_folder, "deploy-%h");

    /// <summary>The user key and the lab's known_hosts, host keys checked strictly: what a run uses to reach the hosts.</summary>
    public SshOptions SshOptions { get; private set; } = new();

    /// <summary>Makes a lab of <paramref name="hostCount"/> hosts with sshd running in each.</summary>
    public static NetnsLab Create(int hostCount)
    {
        if (SkipReason is { } reason) throw new InvalidOperationException(reason);
        SweepStaleLabs();
        var lab = new NetnsLab(FreeSubnet());
        try
        {
            lab.Build(hostCount);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>Namespaces whose name carries this process's PID (what a test can check is gone).</summary>
    public static IReadOnlyList<string> NamespacesOfThisProcess()
        => [.. Namespaces().Where(n => n.StartsWith(Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-", StringComparison.Ordinal))];

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var host in _hosts) host.KillAll();
        foreach (var host in _hosts) _ = Commands.TryRun("ip", "netns", "delete", host.Namespace);
        _ = Commands.TryRun("ip", "netns", "delete", _switch);
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    private void Build(int hostCount)
    {
        var userKey = Path.Combine(_folder, "user_key");
        Commands.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "perfnb-test-user", "-f", userKey);
        var authorizedKeys = Path.Combine(_folder, "authorized_keys");
        File.Copy(userKey + ".pub", authorizedKeys);

        Commands.Run("ip", "netns", "add", _switch);
        Ip(_switch, "link", "set", "lo", "up");
        Ip(_switch, "link", "add", "br0", "type", "bridge");
        Ip(_switch, "link", "set", "br0", "up");
        // The controller's leg: one veth end here (named after the lab, unique on this machine), one on the bridge.
        var controllerLink = "pnb" + Id.Replace("-", "", StringComparison.Ordinal);
        if (controllerLink.Length > 15) controllerLink = controllerLink[^15..];
        Commands.Run("ip", "link", "add", controllerLink, "type", "veth", "peer", "name", "ctl", "netns", _switch);
        Ip(_switch, "link", "set", "ctl", "master", "br0");
        Ip(_switch, "link", "set", "ctl", "up");
        Commands.Run("ip", "addr", "add", ControllerAddress + "/24", "dev", controllerLink);
        Commands.Run("ip", "link", "set", controllerLink, "up");

        for (var i = 0; i < hostCount; i++)
        {
            var name = $"{Prefix}{Id}-h{i.ToString(CultureInfo.InvariantCulture)}";
            var folder = Path.Combine(_folder, "h" + i.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var host = new NetnsHost(name, $"10.213.{Subnet.ToString(CultureInfo.InvariantCulture)}.{(11 + i).ToString(CultureInfo.InvariantCulture)}", 2222, folder);
            Commands.Run("ip", "netns", "add", name);
            _hosts.Add(host);
            var leg = "h" + i.ToString(CultureInfo.InvariantCulture);
            Ip(_switch, "link", "add", leg, "type", "veth", "peer", "name", "eth0", "netns", name);
            Ip(_switch, "link", "set", leg, "master", "br0");
            Ip(_switch, "link", "set", leg, "up");
            Ip(name, "link", "set", "lo", "up");
            Ip(name, "addr", "add", host.IpAddress + "/24", "dev", "eth0");
            Ip(name, "link", "set", "eth0", "up");
            host.StartSshd(authorizedKeys);
        }

        var knownHosts = Path.Combine(_folder, "known_hosts");
        File.WriteAllLines(knownHosts, _hosts.Select(h => h.KnownHostsLine));
        SshOptions = new SshOptions
        {
            IdentityFile = userKey,
            KnownHostsFile = knownHosts,
            StrictHostKeyChecking = "yes",
            // The lab is on this machine: a lost host is noticed in about 3 s instead of 6.
            AliveInterval = TimeSpan.FromSeconds(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ControlPersist = TimeSpan.FromSeconds(30),
        };
    }

    private static void Ip(string ns, params string[] args) => Commands.Run("ip", ["-n", ns, .. args]);

    private static IEnumerable<string> Namespaces()
    {
        var (code, stdout, _) = Commands.TryRun("ip", "netns", "list");
        return code != 0 ? [] : stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]);
    }

    // 10.213.N.0/24 not already on any interface of this machine.
    private static int FreeSubnet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address.ToString())
            .Where(a => a.StartsWith("10.213.", StringComparison.Ordinal))
            .Select(a => int.Parse(a.Split('.')[2], CultureInfo.InvariantCulture))
            .ToHashSet();
        var start = Environment.ProcessId % 200 + 20;
        for (var i = 0; i < 230; i++)
        {
            var candidate = (start + i - 20) % 230 + 20;
            if (!used.Contains(candidate)) return candidate;
        }
        throw new InvalidOperationException("no free 10.213.N.0/24 for a test lab");
    }

    // A test run that was killed leaves its namespaces; remove those whose PID is gone (never another live run's).
    private static void SweepStaleLabs()
    {
        foreach (var ns in Namespaces().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var pidText = ns[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Directory.Exists($"/proc/{pid}")) continue;
            var (_, pids, _) = Commands.TryRun("ip", "netns", "pids", ns);
            foreach (var p in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries)) _ = Commands.TryRun("kill", "-KILL", p.Trim());
            _ = Commands.TryRun("ip", "netns", "delete", ns);
        }
    }

    private static string? FindSkipReason()
    {
        if (!OperatingSystem.IsLinux()) return "distributed tests need Linux network namespaces";
        if (Environment.UserName != "root" && !File.ReadAllText("/proc/self/status").Contains("\nUid:\t0\t", StringComparison.Ordinal))
            return "distributed tests need root (network namespaces); skipped";
        foreach (var tool in new[] { "/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/sbin/ip", "/usr/bin/setsid" })
            if (!File.Exists(tool) && !File.Exists(tool.Replace("/usr/sbin/", "/sbin/", StringComparison.Ordinal)))
                return $"distributed tests need {tool} (scripts/setup.sh installs openssh-server, openssh-client, iproute2); skipped";
        return null;
    }
}
