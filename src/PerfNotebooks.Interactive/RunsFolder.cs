using PerfNotebooks.Experiments;

namespace PerfNotebooks.Interactive;

/// <summary>
/// Where a notebook's runs live: the repository's data/runs, found upward from the kernel's working
/// directory (a notebook's kernel runs in notebooks/), else data/runs under the working directory.
/// </summary>
internal static class RunsFolder
{
    public static string Default()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RunStore.DefaultRoot);
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.Combine(Environment.CurrentDirectory, RunStore.DefaultRoot);
    }
}
