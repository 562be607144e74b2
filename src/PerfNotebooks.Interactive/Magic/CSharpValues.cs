using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>Reads values of the notebook's C# variables, for magic commands that take objects a cell built.</summary>
internal static class CSharpValues
{
    /// <summary>The <see cref="StackSpec"/> values of the named variables (each a StackSpec or a list of them), in order.</summary>
    public static async Task<IReadOnlyList<StackSpec>> StackSpecsAsync(Kernel kernel, string variables)
    {
        var csharp = kernel.RootKernel.FindKernelByName("csharp")
                     ?? throw new PerfNotebooksException("--specs reads C# variables, and this notebook has no C# kernel.");
        var specs = new List<StackSpec>();
        foreach (var name in variables.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var result = await csharp.SendAsync(new RequestValue(name));
            var value = result.Events.OfType<ValueProduced>().FirstOrDefault()?.Value;
            switch (value)
            {
                case StackSpec spec:
                    specs.Add(spec with { Source = spec.Source ?? "notebook" });
                    break;
                case IEnumerable<StackSpec> list:
                    specs.AddRange(list.Select(s => s with { Source = s.Source ?? "notebook" }));
                    break;
                case null when result.Events.OfType<CommandFailed>().Any():
                    throw new PerfNotebooksException($"--specs: there is no C# variable named '{name}'; define it in a cell first (e.g. var {name} = StackCatalog.Get(\"flask-gunicorn\") with {{ Name = \"{name}\", Workers = 4 }};).");
                default:
                    throw new PerfNotebooksException($"--specs: '{name}' holds {(value is null ? "null" : "a " + value.GetType().Name)}, not a StackSpec (nor a list of them).");
            }
        }
        return specs.Count > 0 ? specs : throw new PerfNotebooksException("--specs names no variable; give C# variable names, e.g. --specs mine,theirs.");
    }
}
