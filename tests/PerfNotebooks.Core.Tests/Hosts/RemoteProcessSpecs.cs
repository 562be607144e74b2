using System.Diagnostics;
using System.Globalization;
using PerfNotebooks.Core.Tests.Hosts.Support;
using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts;

[Trait("Category", "Distributed")]
[Collection(DistributedCollection.Name)]
public sealed class RemoteProcessSpecs(LabFixture fixture)
{
    private readonly NetnsLab _lab = fixture.Lab;

    [DistributedFact(Timeout = 60_000)]
    public async Task A_remote_command_leads_its_own_process_group_and_stopping_it_ends_everything_it_started()
    {
        var marker = "perfnb-rp-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions);
        var lines = new List<string>();

        // A command that starts a child of its own and prints as it goes.
        var process = await RemoteProcess.StartAsync(host,
            ["sh", "-c", "sleep 300 & sleep 301 & echo started; wait", marker], line => { lock (lines) lines.Add(line); });
        await SshConnectionSpecs.WaitUntil(() => { lock (lines) return lines.Contains("started"); }, "the first line");

        // The namespace shares this machine's PIDs: the group is visible here, with both sleeps in it.
        var members = ProcessGroups.Members(process.ProcessGroup);
        Assert.Equal(2, members.Count(p => File.ReadAllText($"/proc/{p}/comm").Trim() == "sleep"));
        Assert.Equal(process.ProcessGroup, Session(process.ProcessGroup));

        var clock = Stopwatch.StartNew();
        var result = await process.StopAsync(TimeSpan.FromSeconds(5));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stop took {clock.Elapsed}");
        Assert.Equal("started\n", result.StandardOutput);
        Assert.Empty(ProcessGroups.Members(process.ProcessGroup));
        // kill -0 also sees a zombie until whoever inherited it reaps it.
        var gone = false;
        for (var i = 0; i < 50 && !gone; i++)
        {
            gone = !await host.GroupAliveAsync(process.ProcessGroup);
            if (!gone) await Task.Delay(100);
        }
        Assert.True(gone, "the host still reports the group");
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task A_remote_command_whose_local_side_is_lost_can_still_be_stopped_by_its_group()
    {
        var marker = "perfnb-rp-" + Guid.NewGuid().ToString("N")[..8];
        int group;
        await using (var first = await SshConnection.OpenAsync(_lab.Hosts[1].Address, _lab.SshOptions))
        {
            var process = await RemoteProcess.StartAsync(first, ["sh", "-c", "trap '' HUP; exec sleep 300", marker]);
            group = process.ProcessGroup;
            // The local side goes away abruptly: its ssh client killed, its master closed. The command lives on.
            _ = Commands.TryRun("kill", "-KILL", process.LocalPid.ToString(CultureInfo.InvariantCulture));
        }
        Assert.NotEmpty(ProcessGroups.Members(group));

        // Another connection (a new controller) stops it with the group id alone.
        await using var second = await SshConnection.OpenAsync(_lab.Hosts[1].Address, _lab.SshOptions);
        Assert.True(await second.SignalGroupAsync(group, "KILL"));

        await SshConnectionSpecs.WaitUntil(() => ProcessGroups.Members(group).Count == 0, "the remote group to end");
        Assert.Empty(ProcessTable.WithCommandLine(marker));
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task Closing_its_input_is_how_a_remote_command_learns_its_owner_is_gone()
    {
        await using var host = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions);
        // Reads until end of input, then says so and exits by itself (as perfnb's --stop-on-stdin-eof does).
        var process = await RemoteProcess.StartAsync(host, ["sh", "-c", "cat >/dev/null; echo input-closed"]);
        Assert.False(process.Completion.IsCompleted);

        var result = await process.StopAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("input-closed\n", result.StandardOutput);
        Assert.Equal(0, result.ExitCode);
    }

    [DistributedFact(Timeout = 60_000)]
    public async Task A_command_that_cannot_start_fails_with_its_reason_and_leaves_nothing()
    {
        await using var host = await SshConnection.OpenAsync(_lab.Hosts[0].Address, _lab.SshOptions);

        var error = await Assert.ThrowsAsync<HostException>(() => RemoteProcess.StartAsync(host, ["/nonexistent/perfnb", "serve"]));

        Assert.Contains("/nonexistent/perfnb", error.Message, StringComparison.Ordinal);
        Assert.Contains("ended before it started", error.Message, StringComparison.Ordinal);
    }

    private static int Session(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3], CultureInfo.InvariantCulture);
    }
}
