using System.Globalization;

namespace PerfNotebooks.Servers;

/// <summary>
/// The fields of /proc/PID/stat the server lab reads. CPU times are in clock ticks, RSS in pages.
/// <see cref="ChildUserTicks"/> and <see cref="ChildSystemTicks"/> hold the CPU of children this process
/// already waited for, which keeps the CPU of exited workers (a worker gunicorn restarted) in the sum.
/// <see cref="StartTicks"/> (when the process started, in clock ticks after boot) tells a process from a
/// later one that reused its PID.
/// </summary>
internal readonly record struct ProcStat(
    int Pid,
    char State,
    int ParentPid,
    int ProcessGroup,
    int Session,
    long UserTicks,
    long SystemTicks,
    long ChildUserTicks,
    long ChildSystemTicks,
    long RssPages,
    long StartTicks)
{
    /// <summary>A zombie has exited; it only waits to be reaped.</summary>
    public bool IsDead => State is 'Z' or 'X' or 'x';

    /// <summary>Reads /proc/PID/stat; null when the process is gone (or vanished mid-read).</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        return Parse(pid, text);
    }

    /// <summary>Parses the text of /proc/PID/stat. The command name may hold spaces and parentheses: fields start after the last ')'.</summary>
    public static ProcStat? Parse(int pid, string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length) return null;
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 of proc(5) (state); field N is fields[N - 3].
        if (fields.Length < 22 || fields[0].Length == 0) return null;
        static long L(string s) => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new ProcStat(
            pid,
            fields[0][0],
            (int)L(fields[1]),
            (int)L(fields[2]),
            (int)L(fields[3]),
            L(fields[11]),
            L(fields[12]),
            L(fields[13]),
            L(fields[14]),
            L(fields[21]),
            L(fields[19]));
    }
}
