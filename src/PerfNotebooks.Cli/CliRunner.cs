using System.CommandLine;
using System.CommandLine.Invocation;

namespace PerfNotebooks.Cli;

/// <summary>
/// Runs the parsed command and turns user mistakes into one line on stderr (exit 2), never a stack trace:
/// a command line that does not parse (<see cref="ParseErrorLine"/>) as well as a mistake found later.
/// </summary>
internal static class CliRunner
{
    public const int UserErrorExitCode = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        // No response files: "@FILE" is an argument here (--body @FILE sends a file), not a file of more arguments.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // A command line that does not parse is one line, as every other mistake (System.CommandLine would print
        // each error, suggestions and the whole help text, and exit 1). --help still wins over errors.
        if (parseResult.Action is ParseErrorAction)
        {
            Console.Error.WriteLine($"perfnb: {ParseErrorLine.For(parseResult)}");
            return UserErrorExitCode;
        }
        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (PerfNotebooksException e)
        {
            Console.Error.WriteLine($"perfnb: {UserErrorLine.For(e)}");
            return UserErrorExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("perfnb: cancelled.");
            return 130;
        }
    }
}
