using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>
/// Wraps a magic command's handler so a user's mistake ends the cell with its one-line message (no stack
/// trace), an interrupt ends it with "interrupted", and the kernel goes on working either way.
/// </summary>
internal static class CellGuard
{
    public static Func<T, KernelInvocationContext, Task> Wrap<T>(Func<T, KernelInvocationContext, Task> body) where T : KernelCommand =>
        async (command, context) =>
        {
            try
            {
                await body(command, context);
            }
            catch (PerfNotebooksException e)
            {
                context.Fail(command, null, UserErrorLine.For(e));
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                context.Fail(command, null, "interrupted: stopped what this cell had started.");
            }
        };
}
