namespace PerfNotebooks;

/// <summary>
/// A mistake the user can fix (bad input, a stack that is not installed, a port in use, a server that
/// would not start). Front ends print <see cref="Exception.Message"/> as one line, never a stack trace.
/// Anything else escaping the library is a bug in PerfNotebooks.
/// </summary>
public class PerfNotebooksException : Exception
{
    /// <summary>A mistake described in one line.</summary>
    public PerfNotebooksException(string message) : base(message) { }

    /// <summary>A mistake described in one line, caused by <paramref name="inner"/>.</summary>
    public PerfNotebooksException(string message, Exception inner) : base(message, inner) { }
}
