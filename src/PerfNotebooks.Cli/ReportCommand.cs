using System.CommandLine;

namespace PerfNotebooks.Cli;

internal static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "Not built yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("perfnb report: not built yet.");
            return 1;
        });
        return command;
    }
}
