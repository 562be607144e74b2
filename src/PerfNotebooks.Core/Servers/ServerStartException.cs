namespace PerfNotebooks.Servers;

/// <summary>
/// A server that would not start: it exited, never answered, or its port was taken. Besides the full message
/// (with the server's last output), it carries the one-line <see cref="Cause"/> a front end shows per failed cell.
/// </summary>
public sealed class ServerStartException : PerfNotebooksException
{
    /// <summary>A server that would not start: <paramref name="message"/>, its exit status and the tail of its output.</summary>
    public ServerStartException(string stack, string cause, string message) : base(message)
    {
        Stack = stack;
        Cause = cause;
    }

    /// <summary>The stack's name.</summary>
    public string Stack { get; }

    /// <summary>What went wrong, in one line: e.g. <c>exited with code 3 before it was ready: ModuleNotFoundError: No module named 'app'</c>.</summary>
    public string Cause { get; }

    /// <summary><c>stack NAME: CAUSE</c>.</summary>
    public string Summary => $"stack {Stack}: {Cause}";
}
