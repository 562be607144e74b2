using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace PerfNotebooks.Interactive.Magic;

/// <summary><c>#!runs</c>: lists stored runs; <c>--load RUN --name VAR</c> loads one without re-measuring.</summary>
internal static class RunsMagic
{
    public static void Register(Kernel kernel)
    {
        var runs = new KernelActionDirective("#!runs") { Description = "List stored runs, or --load RUN --name VAR to load one" };
        runs.Parameters.Add(new KernelDirectiveParameter("--load", "A run folder name (or path) to load"));
        runs.Parameters.Add(new KernelDirectiveParameter("--name", "C# variable for the loaded run"));
        kernel.AddDirective<RunsMagicCommand>(runs, CellGuard.Wrap<RunsMagicCommand>((_, _) =>
            throw new NotImplementedException("run store: issue 4")));
    }
}
