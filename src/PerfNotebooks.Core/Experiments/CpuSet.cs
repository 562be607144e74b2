using System.Globalization;

namespace PerfNotebooks.Experiments;

/// <summary>A set of CPU numbers, read from and written as a Linux CPU list ("0", "1-3", "0,2-3").</summary>
public static class CpuSet
{
    /// <summary>The CPUs this process may run on (Cpus_allowed_list of /proc/self/status; all of them when unreadable).</summary>
    public static IReadOnlyList<int> Allowed()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)) return Parse(line["Cpus_allowed_list:".Length..].Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return Enumerable.Range(0, Environment.ProcessorCount).ToArray();
    }

    /// <summary>Parses a CPU list such as "0", "1-3" or "0,2-3"; a malformed list is a <see cref="PerfNotebooksException"/>.</summary>
    public static IReadOnlyList<int> Parse(string list)
    {
        var cpus = new SortedSet<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-');
            var from = int.Parse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture);
            var to = ends.Length > 1 ? int.Parse(ends[1], NumberStyles.None, CultureInfo.InvariantCulture) : from;
            for (var c = from; c <= to; c++) cpus.Add(c);
        }
        return cpus.ToArray();
    }

    /// <summary>"0", "1-3", "0,2-3".</summary>
    public static string Format(IEnumerable<int> cpus)
    {
        var sorted = cpus.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? N(sorted[i]) : $"{N(sorted[i])}-{N(sorted[j])}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    private static string N(int cpu) => cpu.ToString(CultureInfo.InvariantCulture);
}
