using System.CommandLine;

namespace PerfNotebooks.Cli;

internal static class CompareCommand
{
    public static Command Create()
    {
        var command = new Command("compare", "Not built yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perfnb compare: not built yet.");
            return 1;
        });
        return command;
    }
}
