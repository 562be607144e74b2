using System.CommandLine;
using PerfNotebooks;

namespace PerfNotebooks.Cli;

/// <summary>
/// Runs the parsed command and turns user mistakes into one line on stderr (exit 2), never a stack trace.
/// Parse errors from System.CommandLine are printed by it, also with exit code 2... or 1 per its defaults.
/// </summary>
internal static class CliRunner
{
    public const int UserErrorExitCode = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        // No response files: "@FILE" is perfnb's own syntax (load --body @FILE), and System.CommandLine would
        // otherwise replace the token with the file's words (a JSON body {"a": 1} became two arguments).
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (PerfNotebooksException e)
        {
            Console.Error.WriteLine($"perfnb: {e.Message}");
            return UserErrorExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("perfnb: cancelled.");
            return 130;
        }
    }
}
