using System.CommandLine;
using PerfNotebooks;
using PerfNotebooks.Cli;

// The load engine must not hop to the thread pool on every socket completion: run continuations on the
// epoll thread. The runtime reads this variable once, at the first socket, so set it before any.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

var root = new RootCommand("perfnb: compare Python web servers with numbers you can trust and reproduce.");
root.Subcommands.Add(ServersCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(LoadCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(RunsCommand.Create());

using var signals = StopSignals.Install();
return await CliRunner.InvokeAsync(root, args);
