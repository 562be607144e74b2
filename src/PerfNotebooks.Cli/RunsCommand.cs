using System.CommandLine;

namespace PerfNotebooks.Cli;

internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "Not built yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perfnb runs: not built yet.");
            return 1;
        });
        return command;
    }
}
