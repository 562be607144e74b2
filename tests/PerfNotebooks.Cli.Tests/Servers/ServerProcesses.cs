using System.Globalization;

namespace PerfNotebooks.Cli.Tests.Servers;

/// <summary>Looks in /proc for what a perfnb run left behind.</summary>
internal static class ServerProcesses
{
    /// <summary>Live processes whose session is <paramref name="session"/>.</summary>
    public static List<int> InSession(int session)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && int.Parse(fields[3], CultureInfo.InvariantCulture) == session) found.Add(pid);
            }
            catch (IOException) { }
        }
        return found;
    }

    /// <summary>Live processes whose environment carries <c>PERFNB_TEST_MARK=<paramref name="mark"/></c>.</summary>
    public static List<int> Marked(string mark)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains("PERFNB_TEST_MARK=" + mark, StringComparison.Ordinal)
                    && !File.ReadAllText(Path.Combine(dir, "stat")).Contains(") Z ", StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
