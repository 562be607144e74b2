using System.Reflection;
using System.Runtime.Loader;

namespace PerfNotebooks.Interactive.Charts;

/// <summary>
/// An AssemblyLoadContext that prefers the assemblies of one folder (Plotly.NET, its FSharp.Core 10.1,
/// PerfNotebooks.Core, the Plotly host) over whatever the kernel host already loaded; framework assemblies,
/// which the folder does not carry, come from the default context. The kernel host has FSharp.Core 10.0
/// loaded, so Plotly.NET can only run in a context like this one.
/// </summary>
internal sealed class PlotlyLoadContext(string folder) : AssemblyLoadContext("PerfNotebooks.Plotly", isCollectible: false)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
