namespace PerfNotebooks.Hosts;

/// <summary>
/// Reads a host setting for a front end: the core's message says what is wrong and what is accepted
/// (<see cref="InvalidHostAddressException"/>, <see cref="InvalidSshOptionException"/>); the front end's option
/// name, given here, says where. One wording for every front end.
/// </summary>
public static class HostOptionWording
{
    /// <summary>Runs <paramref name="read"/>; a bad address or ssh option becomes one line that starts with <paramref name="option"/>.</summary>
    public static T Read<T>(Func<T> read, string option)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (InvalidHostAddressException e)
        {
            throw new PerfNotebooksException($"{option}: {e.Message}");
        }
        catch (InvalidSshOptionException e)
        {
            throw new PerfNotebooksException($"{option} {e.Message}");
        }
    }
}
