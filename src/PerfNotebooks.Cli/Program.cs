using System.CommandLine;
using PerfNotebooks.Cli;

var root = new RootCommand("perfnb: compare Python web servers with numbers you can trust and reproduce.");
root.Subcommands.Add(ServersCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(LoadCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(RunsCommand.Create());

using var signals = StopSignals.Install();
return await CliRunner.InvokeAsync(root, args);
