namespace PerfNotebooks.Experiments;

/// <summary>A run folder another live process is writing (it holds the folder's lock); <see cref="Pid"/> names it when known.</summary>
public sealed class RunLockedException(string message, int? pid) : PerfNotebooksException(message)
{
    /// <summary>The process holding the lock, when its owner file names it.</summary>
    public int? Pid { get; } = pid;
}
