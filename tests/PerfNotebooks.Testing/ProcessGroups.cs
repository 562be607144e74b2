using PerfNotebooks.Servers;

namespace PerfNotebooks.Testing;

/// <summary>Signals to processes and whole process groups, through the core's one native binding.</summary>
public static class ProcessGroups
{
    /// <summary>Signal numbers the tests send (Linux).</summary>
    public enum Signal { Interrupt = Posix.SIGINT, Kill = Posix.SIGKILL, Term = Posix.SIGTERM }

    /// <summary>Sends <paramref name="signal"/> to one process; false when it is gone.</summary>
    public static bool Send(int pid, Signal signal) => Posix.Kill(pid, (int)signal);

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="group"/>; false when the group is empty.</summary>
    public static bool SendToGroup(int group, Signal signal) => Posix.KillGroup(group, (int)signal);

    /// <summary>Live members of group <paramref name="group"/>.</summary>
    public static List<int> Members(int group) => ProcessTable.InGroup(group);

    /// <summary>Fails naming the first of <paramref name="pids"/> still running (a zombie waiting for its parent counts as gone).</summary>
    public static void AssertAllGone(IEnumerable<int> pids)
    {
        foreach (var pid in pids) Xunit.Assert.False(ProcessTable.IsAlive(pid), $"PID {pid} is still running");
    }

    /// <summary>SIGTERM to the group, SIGKILL when anything of it is left after 3 s.</summary>
    public static void Kill(int group)
    {
        SendToGroup(group, Signal.Term);
        if (!WaitGone(group, TimeSpan.FromSeconds(3))) SendToGroup(group, Signal.Kill);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the group to be empty.</summary>
    public static bool WaitGone(int group, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Members(group).Count > 0)
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
