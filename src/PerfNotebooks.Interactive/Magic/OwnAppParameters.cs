using Microsoft.DotNet.Interactive.Directives;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Interactive.Magic;

/// <summary>The parameters that point <c>#!pyserver start</c> and <c>#!compare</c> at an app of the user's own,
/// spelled as on the command line.</summary>
internal static class OwnAppParameters
{
    public static void AddTo(KernelActionDirective directive, bool withServers)
    {
        directive.Parameters.Add(new KernelDirectiveParameter("--app", "Your own WSGI or ASGI app as module:callable (e.g. myapp:app)"));
        directive.Parameters.Add(new KernelDirectiveParameter("--app-dir", "Folder to import the app from (default: the notebook's)"));
        directive.Parameters.Add(new KernelDirectiveParameter("--pythonpath", "More import folders for the app, comma-separated"));
        directive.Parameters.Add(new KernelDirectiveParameter("--interface", "wsgi or asgi (default: detected)").AddCompletions(() => ["wsgi", "asgi"]));
        if (withServers)
            directive.Parameters.Add(new KernelDirectiveParameter("--servers", "Servers for the app, comma-separated").AddCompletions(() => UserApps.ServerNames));
        directive.Parameters.Add(new KernelDirectiveParameter("--ready-path", "A path of the app that answers 2xx once it is ready, e.g. /healthz"));
    }
}
