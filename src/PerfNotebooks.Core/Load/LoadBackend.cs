namespace PerfNotebooks.Load;

/// <summary>How the load engine moves bytes. Both are Linux interfaces; the result's audit names the one that ran.</summary>
public enum LoadBackend
{
    /// <summary>io_uring where this process may use it (it batches a request's send and receive into shared rings), else epoll.</summary>
    Auto,

    /// <summary>io_uring; falls back to epoll (and says why in the audit) where the kernel or a seccomp profile refuses it.</summary>
    IoUring,

    /// <summary>Edge-triggered epoll over non-blocking sockets.</summary>
    Epoll,
}
