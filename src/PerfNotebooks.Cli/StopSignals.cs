using System.Runtime.InteropServices;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli;

/// <summary>
/// The one place perfnb handles signals. Ctrl-C (SIGINT) and SIGTERM (a CI job's timeout, a service manager, a
/// notebook cancelling its child) ask the running command to stop: the token <see cref="Take"/> hands it is
/// cancelled and the process goes on, so the command stops what it started, keeps what it measured and says so.
/// SIGHUP and SIGQUIT (a closed terminal, Ctrl-\), and SIGINT or SIGTERM while no command has taken them, stop every
/// server this process started and let the signal end the process.
/// </summary>
internal static class StopSignals
{
    private static readonly Lock Gate = new();
    private static CancellationTokenSource? _command;

    /// <summary>Registers the handlers for the life of the process (Program does it once, first).</summary>
    public static IDisposable Install()
    {
        var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, OnSignal)).ToArray();
        return new Registrations(registrations);
    }

    /// <summary>
    /// The running command takes Ctrl-C and SIGTERM over until the returned source is disposed: they cancel it (and
    /// with it everything linked to <paramref name="invocationToken"/>).
    /// </summary>
    public static CancellationTokenSource Take(CancellationToken invocationToken)
    {
        var source = new TakenSource(invocationToken);
        lock (Gate) _command = source;
        return source;
    }

    private static void OnSignal(PosixSignalContext context)
    {
        if (context.Signal is PosixSignal.SIGINT or PosixSignal.SIGTERM)
        {
            lock (Gate)
            {
                if (_command is { } command)
                {
                    context.Cancel = true;
                    try { command.Cancel(); }
                    catch (ObjectDisposedException) { /* the command has just returned */ }
                    return;
                }
            }
        }
        ServerLauncher.StopAllStarted();
    }

    /// <summary>A command's stop request, linked to its invocation token; disposing it gives the signals back.</summary>
    private sealed class TakenSource : CancellationTokenSource
    {
        private readonly CancellationTokenRegistration _link;

        public TakenSource(CancellationToken invocationToken) => _link = invocationToken.Register(Cancel);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                lock (Gate) if (ReferenceEquals(_command, this)) _command = null;
                _link.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class Registrations(PosixSignalRegistration[] all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in all) registration.Dispose();
        }
    }
}
