using System.Diagnostics;
using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts;

[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class SshConnectionSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;

    [DistributedFact(Timeout = 60_000)]
    public async Task A_command_returns_its_exit_code_and_output_with_its_arguments_as_given()
    {
        await using var host = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions);

        var printed = await host.RunAsync(["printf", "%s|", "two words", "it's", "$HOME", "a;b", ""]);
        var failed = await host.RunScriptAsync("echo out; echo err >&2; exit 7");

        Assert.Equal(0, printed.ExitCode);
        Assert.Equal("two words|it's|$HOME|a;b||", printed.StandardOutput);
        Assert.Equal(7, failed.ExitCode);
        Assert.Equal("out\n", failed.StandardOutput);
        Assert.Equal("err", failed.LastErrorLine);
        Assert.Equal("/root", host.HomeDirectory);
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task Commands_share_one_master_connection_that_closes_with_the_connection()
    {
        string controlPath;
        await using (var host = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions))
        {
            controlPath = host.ControlPath;
            for (var i = 0; i < 3; i++) Assert.Equal(0, (await host.RunAsync(["true"])).ExitCode);

            var check = Commands.TryRun("ssh", "-o", "ControlPath=" + controlPath, "-O", "check", host.Address.Destination);
            Assert.True(check.ExitCode == 0, check.Stderr);
            // One TCP connection to sshd carries every command: one session process of sshd's per connection.
            Assert.Single(SshdConnections(_lab.Hosts[0]));
        }
        Assert.False(File.Exists(controlPath));
        Assert.False(Directory.Exists(Path.GetDirectoryName(controlPath)));
        await WaitUntil(() => SshdConnections(_lab.Hosts[0]).Count == 0, "the master connection to close");
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task A_file_copies_whole_with_its_mode()
    {
        var local = Path.Combine(Path.GetTempPath(), "perfnb-copy-" + Guid.NewGuid().ToString("N"));
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        await File.WriteAllBytesAsync(local, bytes);
        var remote = Path.Combine(_lab.Hosts[0].Folder, "copied.bin");
        try
        {
            await using var host = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions);

            await host.CopyToAsync(local, remote, "750");

            Assert.Equal(bytes, await File.ReadAllBytesAsync(remote));
            Assert.Equal("750", (await host.RunAsync(["stat", "-c", "%a", remote])).StandardOutput.Trim());
            Assert.Empty(Directory.GetFiles(_lab.Hosts[0].Folder, "copied.bin.part.*"));
        }
        finally
        {
            File.Delete(local);
            File.Delete(remote);
        }
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task A_host_with_no_ssh_server_is_unreachable_in_one_line_naming_it()
    {
        // An address of the lab subnet where nothing listens: refused at once.
        var nowhere = new HostAddress("root", _lab.Hosts[0].IpAddress, 2299);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() => SshConnection.OpenAsync(nowhere, _lab.SshOptions));

        Assert.Equal(nowhere, error.Host);
        Assert.StartsWith($"host {nowhere} is unreachable: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task A_host_whose_key_is_not_known_is_refused_without_a_prompt()
    {
        var emptyKnownHosts = Path.Combine(Path.GetTempPath(), "perfnb-known-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(emptyKnownHosts, "");
        try
        {
            var options = _lab.SshOptions with { KnownHostsFile = emptyKnownHosts };

            var error = await Assert.ThrowsAsync<HostUnreachableException>(() => SshConnection.OpenAsync(_lab.Hosts[0].Address, options));

            Assert.Contains("Host key verification failed", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(emptyKnownHosts);
        }
    }

    /// <summary>sshd's per-connection processes in the host's namespace (all but the listener).</summary>
    internal static IReadOnlyList<int> SshdConnections(NetnsHost host)
        => [.. host.Pids().Where(p => p != host.SshdPid && Comm(p) == "sshd" && Parent(p) == host.SshdPid)];

    internal static async Task WaitUntil(Func<bool> condition, string what, int seconds = 15)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail($"waited {seconds} s for {what}");
            await Task.Delay(50);
        }
    }

    private static string Comm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return ""; }
    }

    private static int Parent(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }
}
