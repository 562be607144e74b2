using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli;

/// <summary>
/// The one line perfnb prints for a user's mistake: the core's message, and for the mistakes the core types, what to
/// do about it in this command line's words.
/// </summary>
internal static class UserErrorLine
{
    public static string For(PerfNotebooksException e) => e switch
    {
        RunNameTakenException taken => $"{taken.Problem}; choose another --name, or finish it with --resume {taken.Id}.",
        RunNotFoundException missing => $"{missing.Problem}; `perfnb runs` lists the stored runs.",
        RunsFolderNotWritableException folder => $"{folder.Problem}; give --out a folder you can write to.",
        _ => e.Message,
    };
}
