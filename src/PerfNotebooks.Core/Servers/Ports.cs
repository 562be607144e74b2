using System.Net;
using System.Net.Sockets;

namespace PerfNotebooks.Servers;

/// <summary>Free ports and the addresses a server binds and a client reaches.</summary>
internal static class Ports
{
    /// <summary>The address to bind for <paramref name="host"/>.</summary>
    public static IPAddress BindAddress(string host) => host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);

    /// <summary>The address a client on this machine reaches the server at (a wildcard bind answers on loopback).</summary>
    public static IPAddress ConnectAddress(string host)
    {
        var address = BindAddress(host);
        if (address.Equals(IPAddress.Any)) return IPAddress.Loopback;
        if (address.Equals(IPAddress.IPv6Any)) return IPAddress.IPv6Loopback;
        return address;
    }

    /// <summary>A port nobody listens on now (the kernel's pick). Another process can still take it before the
    /// server binds it: the launcher retries on "Address already in use".</summary>
    public static int PickFree(string host)
    {
        var address = BindAddress(host);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>True when something already listens on (or holds) <paramref name="port"/> on <paramref name="host"/>.</summary>
    public static bool InUse(string host, int port)
    {
        var address = BindAddress(host);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return true;
        }
    }

    public static Uri BaseUrl(string host, int port)
    {
        var address = ConnectAddress(host);
        var text = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new Uri(FormattableString.Invariant($"http://{text}:{port}/"));
    }
}
