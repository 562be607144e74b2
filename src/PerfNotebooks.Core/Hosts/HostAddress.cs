using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Where a host is: <c>ssh://user@host[:port]</c>. The user may be left out (<c>ssh://host</c>); then the
/// user's ssh config, or the local user name, decides, as it would for <c>ssh host</c>. The host is a DNS
/// name, an IPv4 address, or an IPv6 address in brackets (<c>ssh://user@[fd00::2]:2222</c>).
/// </summary>
public sealed partial record HostAddress
{
    /// <summary>The only scheme accepted.</summary>
    public const string Scheme = "ssh://";

    /// <summary>The user name, or null to let ssh decide.</summary>
    public string? User { get; }

    /// <summary>The host name or IP address (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The SSH port; null means ssh's own choice (22, or the user's ssh config).</summary>
    public int? Port { get; }

    /// <summary>An address: <paramref name="user"/> (null: ssh's default), <paramref name="host"/>, <paramref name="port"/> (null: 22).</summary>
    public HostAddress(string? user, string host, int? port = null)
    {
        User = user;
        Host = host;
        Port = port;
    }

    /// <summary>What ssh takes as its destination: <c>user@host</c> or <c>host</c> (the port goes in <c>-p</c>).</summary>
    public string Destination => User is null ? Host : User + "@" + Host;

    /// <summary>The host as a URL authority: IPv6 in brackets.</summary>
    public string HostForUrl => Host.Contains(':') ? "[" + Host + "]" : Host;

    /// <summary>Parses one address; a <see cref="InvalidHostAddressException"/> (one line: what is wrong, what is accepted) otherwise.</summary>
    public static HostAddress Parse(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0) throw new InvalidHostAddressException(text ?? "", "it is empty");
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            throw new InvalidHostAddressException(value, "it does not start with ssh://");
        var rest = value[Scheme.Length..];
        if (rest.EndsWith('/')) rest = rest[..^1];
        if (rest.Contains('/') || rest.Contains('?') || rest.Contains('#'))
            throw new InvalidHostAddressException(value, "it has a path, query or fragment after the host");

        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
            if (!UserPattern().IsMatch(user))
                throw new InvalidHostAddressException(value, $"the user '{user}' is not a user name (letters, digits, '.', '_', '-'; not starting with '-')");
        }

        string host;
        string? portText = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) throw new InvalidHostAddressException(value, "an IPv6 address opened with '[' is not closed with ']'");
            host = rest[1..close];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                throw new InvalidHostAddressException(value, $"'{host}' in brackets is not an IPv6 address");
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':') throw new InvalidHostAddressException(value, "only ':PORT' may follow the bracketed address");
                portText = after[1..];
            }
        }
        else
        {
            var colon = rest.IndexOf(':');
            if (colon >= 0)
            {
                if (rest.IndexOf(':', colon + 1) >= 0)
                    throw new InvalidHostAddressException(value, "an IPv6 address must be written in brackets, e.g. ssh://user@[fd00::2]:22");
                portText = rest[(colon + 1)..];
                rest = rest[..colon];
            }
            host = rest;
            if (host.Length == 0) throw new InvalidHostAddressException(value, "it names no host");
            if (!HostPattern().IsMatch(host))
                throw new InvalidHostAddressException(value, $"'{host}' is not a host name or IPv4 address");
        }

        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                throw new InvalidHostAddressException(value, $"the port '{portText}' is not a whole number from 1 to 65535");
            port = p;
        }
        return new HostAddress(user, host, port);
    }

    /// <summary>Parses a comma-separated list (<c>ssh://u@a,ssh://u@b</c>); empty entries and duplicates are mistakes.</summary>
    public static IReadOnlyList<HostAddress> ParseList(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.All(p => p.Length == 0)) throw new InvalidHostAddressException(text ?? "", "the list is empty");
        var hosts = new List<HostAddress>();
        foreach (var part in parts)
        {
            if (part.Length == 0) throw new InvalidHostAddressException(text ?? "", "the list has an empty entry (two commas, or one at an end)");
            var host = Parse(part);
            if (hosts.Contains(host)) throw new InvalidHostAddressException(part, "it is listed twice");
            hosts.Add(host);
        }
        return hosts;
    }

    /// <summary>A URL on this host: a loopback URL (127.0.0.1, ::1, localhost) gets this host's name or address; any other stays as given.</summary>
    public Uri OnThisHost(Uri url)
    {
        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return loopback ? new UriBuilder(url) { Host = HostForUrl }.Uri : url;
    }

    /// <summary><c>ssh://user@host[:port]</c>, the form <see cref="Parse"/> reads.</summary>
    public override string ToString()
        => Scheme + (User is null ? "" : User + "@") + HostForUrl + (Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");

    // ssh would read a leading '-' as an option; keep user names to the portable POSIX set.
    [GeneratedRegex("^[A-Za-z0-9._][A-Za-z0-9._-]*$")]
    private static partial Regex UserPattern();

    // DNS labels (letters, digits, '-', '.', '_' as ssh config aliases allow) or IPv4; never a leading '-'.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex HostPattern();
}
