using PerfNotebooks.Experiments;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>
/// The one line a cell fails with for a user's mistake: the core's message, and for the mistakes the core types, what
/// to do about it in the magic commands' words.
/// </summary>
internal static class UserErrorLine
{
    public static string For(PerfNotebooksException e) => e switch
    {
        RunNameTakenException taken => $"{taken.Problem}; finish it with #!compare --resume {taken.Id}.",
        RunNotFoundException missing => $"{missing.Problem}; #!runs lists the stored runs.",
        RunsFolderNotWritableException folder => $"{folder.Problem}; give --out a folder you can write to.",
        _ => e.Message,
    };
}
