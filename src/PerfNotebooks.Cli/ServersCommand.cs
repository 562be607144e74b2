using System.CommandLine;

namespace PerfNotebooks.Cli;

internal static class ServersCommand
{
    public static Command Create()
    {
        var command = new Command("servers", "Not built yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perfnb servers: not built yet.");
            return 1;
        });
        return command;
    }
}
