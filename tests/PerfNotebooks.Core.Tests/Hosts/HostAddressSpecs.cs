using PerfNotebooks.Hosts;

namespace PerfNotebooks.Core.Tests.Hosts;

public sealed class HostAddressSpecs
{
    [Theory]
    [InlineData("ssh://bench@lab-server", "bench", "lab-server", null, "ssh://bench@lab-server")]
    [InlineData("ssh://bench@10.0.0.2:2222", "bench", "10.0.0.2", 2222, "ssh://bench@10.0.0.2:2222")]
    [InlineData("SSH://bench@lab.example.org/", "bench", "lab.example.org", null, "ssh://bench@lab.example.org")]
    [InlineData("ssh://lab-server", null, "lab-server", null, "ssh://lab-server")]
    [InlineData("ssh://u@[fd00::2]:22", "u", "fd00::2", 22, "ssh://u@[fd00::2]:22")]
    public void An_address_reads_back_as_user_host_and_port(string text, string? user, string host, int? port, string canonical)
    {
        var address = HostAddress.Parse(text);

        Assert.Equal(user, address.User);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(canonical, address.ToString());
        Assert.Equal(address, HostAddress.Parse(address.ToString()));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("bench@lab", "it does not start with ssh://")]
    [InlineData("http://bench@lab", "it does not start with ssh://")]
    [InlineData("ssh://bench@", "it names no host")]
    [InlineData("ssh://bench@lab:0", "the port '0' is not a whole number from 1 to 65535")]
    [InlineData("ssh://bench@lab:70000", "the port '70000'")]
    [InlineData("ssh://bench@lab:ssh", "the port 'ssh'")]
    [InlineData("ssh://-oProxyCommand=x@lab", "the user '-oProxyCommand=x' is not a user name")]
    [InlineData("ssh://bench@-oProxyCommand=x", "is not a host name or IPv4 address")]
    [InlineData("ssh://bench@lab/path", "it has a path, query or fragment after the host")]
    [InlineData("ssh://bench@fd00::2", "an IPv6 address must be written in brackets")]
    [InlineData("ssh://bench@[lab]:22", "'lab' in brackets is not an IPv6 address")]
    public void A_bad_address_is_one_line_saying_what_is_wrong_and_what_is_accepted(string text, string reason)
    {
        var error = Assert.Throws<InvalidHostAddressException>(() => HostAddress.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("use ssh://user@host or ssh://user@host:port.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_list_is_comma_separated_without_empty_entries_or_repeats()
    {
        var hosts = HostAddress.ParseList("ssh://u@a, ssh://u@b:2200");

        Assert.Equal(["ssh://u@a", "ssh://u@b:2200"], hosts.Select(h => h.ToString()));
        Assert.Contains("empty entry", Assert.Throws<InvalidHostAddressException>(() => HostAddress.ParseList("ssh://u@a,,ssh://u@b")).Message, StringComparison.Ordinal);
        Assert.Contains("listed twice", Assert.Throws<InvalidHostAddressException>(() => HostAddress.ParseList("ssh://u@a,ssh://u@a")).Message, StringComparison.Ordinal);
        Assert.Contains("the list is empty", Assert.Throws<InvalidHostAddressException>(() => HostAddress.ParseList(" ")).Message, StringComparison.Ordinal);
    }
}
