using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PerfNotebooks.Core.Tests.Load.Support;

/// <summary>
/// Real nginx (Debian's nginx-light) on 127.0.0.1 at a free port with a throw-away config and prefix,
/// serving a small fixed response at / and /plaintext. Started in its own process group (setsid) with
/// PERFNB_SERVER=1 in its environment; disposing kills the group and checks /proc that none of it is left.
/// </summary>
public sealed class NginxServer : IDisposable
{
    private readonly DirectoryInfo _prefix;
    private readonly Process _process;

    private NginxServer(DirectoryInfo prefix, Process process, int port)
    {
        _prefix = prefix;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The process group (= master PID, thanks to setsid).</summary>
    public int ProcessGroup => _process.Id;

    public Uri Url(string path = "/plaintext") => new($"http://127.0.0.1:{Port}{path}");

    /// <param name="closeAfterEachResponse">
    /// keepalive_timeout 0: nginx answers "Connection: close" and closes after every response, like Gunicorn's
    /// sync worker, so every request goes through the generator's reconnect path.
    /// </param>
    /// <param name="workerConnections">nginx's connection limit (its own listening socket included).</param>
    public static async Task<NginxServer> StartAsync(bool closeAfterEachResponse = false, int workerConnections = 1024)
    {
        var prefix = Directory.CreateTempSubdirectory("perfnb-nginx-");
        Directory.CreateDirectory(Path.Combine(prefix.FullName, "logs"));
        var port = FreePort();
        var config = Path.Combine(prefix.FullName, "nginx.conf");
        var p = prefix.FullName;
        var keepAlive = closeAfterEachResponse ? "keepalive_timeout 0;" : "keepalive_requests 100000000;";
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            worker_rlimit_nofile {{workerConnections + 64}};
            error_log {{p}}/logs/error.log;
            pid {{p}}/nginx.pid;
            events { worker_connections {{workerConnections}}; }
            http {
              access_log off;
              client_body_temp_path {{p}}/body;
              proxy_temp_path {{p}}/proxy;
              fastcgi_temp_path {{p}}/fastcgi;
              uwsgi_temp_path {{p}}/uwsgi;
              scgi_temp_path {{p}}/scgi;
              {{keepAlive}}
              server {
                listen 127.0.0.1:{{port}} backlog=4096;
                location / { default_type text/plain; return 200 "Hello, World!"; }
                location /status404 { return 404; }
              }
            }
            """);
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            ArgumentList = { "/usr/sbin/nginx", "-p", p, "-c", config },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PERFNB_SERVER"] = "1";
        var process = Process.Start(start)!;
        var server = new NginxServer(prefix, process, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        server.Dispose();
        throw new InvalidOperationException($"nginx (PID {process.Id}) did not listen on 127.0.0.1:{port}.");
    }

    public void Dispose()
    {
        ProcessGroups.Kill(ProcessGroup);
        _process.WaitForExit(5000);
        ProcessGroups.WaitGone(ProcessGroup, TimeSpan.FromSeconds(5));
        _process.Dispose();
        try
        {
            _prefix.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
