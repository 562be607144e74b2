namespace PerfNotebooks.Cli;

/// <summary>
/// Ends a child <c>perfnb load</c> whose parent died. The parent (the notebook kernel's
/// OutOfProcessLoadRunner) starts it with standard input on a pipe it alone holds and never writes to; when
/// the parent exits for any reason, SIGKILL included, the kernel closes that pipe, the read here returns end
/// of file, and the run is cancelled like a Ctrl-C: it stops, writes what it measured, and the process exits.
/// </summary>
internal static class ParentWatch
{
    public static void CancelWhenStdinCloses(CancellationTokenSource stop)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[64];
                while (stdin.Read(buffer, 0, buffer.Length) > 0)
                {
                    // The parent never writes; anything read is ignored.
                }
            }
            catch (IOException)
            {
                // A broken stdin means the same: the parent is gone.
            }
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended first.
            }
        })
        { IsBackground = true, Name = "perfnb-parent-watch" };
        thread.Start();
    }
}
