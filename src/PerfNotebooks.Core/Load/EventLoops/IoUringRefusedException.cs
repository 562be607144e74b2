namespace PerfNotebooks.Load.EventLoops;

/// <summary>An io_uring event loop could not get its ring; the run falls back to epoll and says why.</summary>
internal sealed class IoUringRefusedException(string reason) : Exception(reason);
