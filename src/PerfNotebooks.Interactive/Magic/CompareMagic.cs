using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!compare</c>: runs an experiment plan with live progress, then verdicts, charts and a DataFrame.</summary>
internal static class CompareMagic
{
    public static void Register(Kernel kernel, NotebookServers servers)
    {
        _ = servers;
        var compare = new KernelActionDirective("#!compare") { Description = "Compare stacks: --preset NAME, or --stacks A,B --endpoints E --concurrency 1,8,64 --duration D --repeat K" };
        compare.Parameters.Add(new KernelDirectiveParameter("--preset", "A named plan: seed, quick"));
        compare.Parameters.Add(new KernelDirectiveParameter("--stacks", "Comma-separated stack names"));
        compare.Parameters.Add(new KernelDirectiveParameter("--endpoints", "Comma-separated paths, e.g. /plaintext,/json"));
        compare.Parameters.Add(new KernelDirectiveParameter("--concurrency", "Comma-separated connection counts, e.g. 1,8,64"));
        compare.Parameters.Add(new KernelDirectiveParameter("--duration", "Per cell: 500ms, 10s, 2m"));
        compare.Parameters.Add(new KernelDirectiveParameter("--repeat", "Repetitions per cell"));
        compare.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable for the comparison"));
        kernel.AddDirective<CompareMagicCommand>(compare, CellGuard.Wrap<CompareMagicCommand>((_, _) =>
            throw new NotImplementedException("experiments: issue 4")));
    }
}
