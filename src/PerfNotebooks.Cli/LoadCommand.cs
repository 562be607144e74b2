using System.CommandLine;

namespace PerfNotebooks.Cli;

internal static class LoadCommand
{
    public static Command Create()
    {
        var command = new Command("load", "Not built yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perfnb load: not built yet.");
            return 1;
        });
        return command;
    }
}
