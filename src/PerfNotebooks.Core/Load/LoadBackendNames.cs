namespace PerfNotebooks.Load;

/// <summary>The names a <see cref="LoadBackend"/> goes by on command lines, in the environment and in JSON.</summary>
public static class LoadBackendNames
{
    /// <summary>What is accepted, for error messages.</summary>
    public const string Accepted = "auto, io_uring or epoll";

    /// <summary>"auto", "io_uring" or "epoll".</summary>
    public static string Format(LoadBackend backend) => backend switch
    {
        LoadBackend.IoUring => "io_uring",
        LoadBackend.Epoll => "epoll",
        _ => "auto",
    };

    /// <summary>Parses a name (case-insensitive; "iouring" and "io-uring" are taken too); false for anything else.</summary>
    public static bool TryParse(string? text, out LoadBackend backend)
    {
        backend = LoadBackend.Auto;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto":
                return true;
            case "io_uring" or "iouring" or "io-uring":
                backend = LoadBackend.IoUring;
                return true;
            case "epoll":
                backend = LoadBackend.Epoll;
                return true;
            default:
                return false;
        }
    }
}
