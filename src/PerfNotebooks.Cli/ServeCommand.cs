using System.CommandLine;

namespace PerfNotebooks.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Not built yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perfnb serve: not built yet.");
            return 1;
        });
        return command;
    }
}
