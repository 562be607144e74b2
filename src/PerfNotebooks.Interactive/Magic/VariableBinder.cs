using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>Declares a C# variable in the notebook's C# kernel holding a value a magic command produced.</summary>
internal static class VariableBinder
{
    public static async Task BindAsync(Kernel kernel, string name, object value)
    {
        var csharp = kernel.RootKernel.FindKernelByName("csharp");
        if (csharp is null) return; // no C# kernel (another language's notebook): the display still shows the result
        var result = await csharp.SendAsync(new SendValue(name, value, formattedValue: null));
        if (result.Events.OfType<Microsoft.DotNet.Interactive.Events.CommandFailed>().FirstOrDefault() is { } failed)
            throw new PerfNotebooksException($"could not bind the C# variable '{name}': {failed.Message}");
    }
}
