using System.Text;
using PerfNotebooks.Core.Tests.Load.Support;

namespace PerfNotebooks.Core.Tests.Load;

/// <summary>
/// The response parser against llhttp (the parser behind Node.js), case by case from llhttp's own response
/// tests (test/response/*.md, llhttp 9.4.2) and the cases issue 10 names: where llhttp accepts, the parser
/// accepts with the same framing; where llhttp (strict mode) refuses, it is a protocol error. Each deliberate
/// difference is written in docs/parser.md and pinned here.
/// </summary>
public sealed class LlhttpConformanceSpecs
{
    [Theory]
    // sample.md
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "200")]
    [InlineData("\r\nHTTP/1.1 200 OK\r\nHeader1: Value1\r\nHeader2:\t Value2\r\nContent-Length: 0\r\n\r\n", "200")]
    [InlineData("HTTP/1.1 301\r\nContent-Length: 0\r\n\r\n", "301")]
    [InlineData("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", "200")]
    [InlineData("HTTP/1.1 200  OK\r\nContent-Length: 0\r\n\r\n", "200")]
    [InlineData("HTTP/1.1 500 Ori\u00ebntatieprobleem\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", "500 close")]
    [InlineData("HTTP/1.1 200 OK\r\nUnderscore_Key: x\r\nContent-Length: 0\r\n\r\n", "200")]
    [InlineData("HTTP/0.9 200 OK\r\n\r\n", "200 until-close")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world", "200 until-close")]
    [InlineData("HTTP/1.0 301 Moved Permanently\r\nContent-Length: 0\r\n\r\n", "301 close")]
    // content-length.md
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length:\t42\t\r\n\r\n012345678901234567890123456789012345678901", "200")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length-X: 0\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n", "200")]
    // transfer-encoding.md: chunked only as the final coding, otherwise the body runs to the close
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, deflate\r\n\r\nWorld", "200 until-close")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\nWorld", "200 until-close")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunkedchunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n", "200 until-close")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n", "200")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nTransfer-Encoding: CHUNKED\r\n\r\n2\r\nOK\r\n0\r\n\r\n", "200")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ilovew3;somuchlove=\"aretheseparametersfor\";another=withvalue\r\nhello\r\n0\r\n\r\n", "200")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;q=\"a \\\" b\"\r\nhello\r\n0\r\nTrailer-A: 1\r\nTrailer-B: 2\r\n\r\n", "200")]
    // connection.md: tokens, not substrings
    [InlineData("HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n", "200 close")]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: x-closed-caption\r\nContent-Length: 0\r\n\r\n", "200")]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", "200")]
    // 1xx: interim answers are skipped; 101 ends the exchange (what follows is another protocol)
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "200")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "101 close")]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", "204")]
    public void What_llhttp_accepts_is_accepted_with_the_same_framing(string response, string expected)
    {
        Assert.Equal(expected, Describe(response));
    }

    [Theory]
    // invalid.md
    [InlineData("HTP/1.1 200 OK\r\n\r\n")]
    [InlineData("HTTP/01.1 200 OK\r\n\r\n")]
    [InlineData("HTTP/11.1 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.01 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1\t200 OK\r\n\r\n")]
    [InlineData("\rHTTP/1.1\t200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nFoo: 1\rBar: 2\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\rContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\rContent-Length: 4\r\n\r\nEvil")]
    [InlineData("HTTP/5.6 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n Host: foo\r\n\r\n")]
    [InlineData("HTTP/1.1  200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\nContent-Length: 0\n\n")]
    [InlineData("HTTP/1.1 200 OK\r\nFoo: abc\nBar: def\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nServer: x\r\nen-US Content-Type: text/xml\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTPER/1.1 200 OK\r\n\r\n")]
    [InlineData("RTSP/1.0 200 OK\r\n\r\n")]
    // issue 10: Content-Length as llhttp takes it
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5 5\r\n\r\nhello")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n")]
    // transfer-encoding.md: chunk sizes and extensions
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 ilovew3\r\nhello\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;\r\nhello\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"unbalanced\r\nhello\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n Obs: fold\r\n\r\n")]
    public void What_llhttp_refuses_is_a_protocol_error(string response)
    {
        Assert.Equal("malformed", Describe(response));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2")]
    [InlineData("HTTP/1.1 200 OK\n")]
    [InlineData("<html>")]
    [InlineData("HTTP/1.1 2x")]
    public void Bytes_that_cannot_start_a_response_are_refused_before_any_line_end_arrives(string partial)
    {
        Assert.Equal("malformed", Describe(partial));
    }

    /// <summary>"STATUS[ close]", "STATUS until-close" for a close-delimited body, "malformed", or "incomplete".</summary>
    private static string Describe(string response)
    {
        var bytes = Encoding.Latin1.GetBytes(response);
        var parser = new PerfNotebooks.Load.HttpResponseParser();
        parser.Reset();
        var status = parser.Parse(bytes, out var consumed);
        if (status == PerfNotebooks.Load.ParseStatus.Malformed) return "malformed";
        if (status == PerfNotebooks.Load.ParseStatus.NeedMoreData)
        {
            if (!parser.IsReadingUntilClose) return "incomplete";
            Assert.Equal(bytes.Length, consumed);
            return $"{parser.StatusCode} until-close";
        }
        // The same answer however the bytes are split.
        var whole = ParserDriver.Run(bytes);
        for (var split = 1; split < bytes.Length; split++) Assert.True(ParserDriver.Run(bytes, split).SameAs(whole), $"split at {split}");
        return parser.CloseAfter ? $"{parser.StatusCode} close" : parser.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
