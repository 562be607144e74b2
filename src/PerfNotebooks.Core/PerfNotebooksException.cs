namespace PerfNotebooks;

/// <summary>
/// A mistake the user can fix (bad input, a stack that is not installed, a port in use, a server that
/// would not start). Front ends print <see cref="Exception.Message"/> as one line, never a stack trace.
/// Anything else escaping the library is a bug in PerfNotebooks.
/// </summary>
public class PerfNotebooksException : Exception
{
    public PerfNotebooksException(string message) : base(message) { }

    public PerfNotebooksException(string message, Exception inner) : base(message, inner) { }
}
