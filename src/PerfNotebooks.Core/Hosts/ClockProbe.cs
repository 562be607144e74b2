using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CliWrap;

namespace PerfNotebooks.Hosts;

/// <summary>
/// Measures a host's clock offset (<see cref="ClockOffset"/>) the way NTP does, over one SSH session: a small
/// remote loop answers each line it reads with its wall clock (bash's $EPOCHREALTIME, no process per
/// reading), we note our clock before sending and after the answer, and of all exchanges keep the one with
/// the shortest round trip: offset = remote - midpoint, error bound = round trip / 2.
/// </summary>
public static class ClockProbe
{
    // bash reads its clock without forking; without bash, date(1) does it (one fork per reading: a wider bound).
    // The C locale: bash writes $EPOCHREALTIME with the locale's decimal separator.
    private const string Loop = """
        LC_ALL=C; export LC_ALL
        if command -v bash >/dev/null 2>&1; then
          exec bash -c 'while IFS= read -r _; do printf "%s\n" "${EPOCHREALTIME:-$(date +%s.%N)}"; done'
        fi
        while IFS= read -r _; do date +%s.%N; done
        """;

    /// <summary>Makes <paramref name="exchanges"/> round trips to the host and returns the offset of the shortest.</summary>
    public static async Task<ClockOffset> MeasureAsync(SshConnection connection, int exchanges = 16, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exchanges, 1);
        var requests = Channel.CreateUnbounded<bool>();
        var answers = Channel.CreateUnbounded<(string Line, long Received)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var session = connection.Command(SshConnection.ScriptLine(Loop, []))
            .WithStandardInputPipe(PipeSource.Create(async (input, ct) =>
            {
                await foreach (var _ in requests.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    await input.WriteAsync("t\n"u8.ToArray(), ct).ConfigureAwait(false);
                    await input.FlushAsync(ct).ConfigureAwait(false);
                }
            }))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => answers.Writer.TryWrite((line, Stopwatch.GetTimestamp()))))
            .ExecuteAsync(stop.Token);
        // A session that ends (the host went away) ends the wait for an answer at once.
        _ = session.Task.ContinueWith(_ => answers.Writer.TryComplete(), TaskScheduler.Default);

        var best = (RoundTrip: TimeSpan.MaxValue, Offset: TimeSpan.Zero, At: default(DateTimeOffset));
        try
        {
            for (var i = 0; i < exchanges; i++)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                // Wall clock for the offset, monotonic clock for the round trip (the wall clock may step).
                var sentWall = DateTimeOffset.UtcNow;
                var sent = Stopwatch.GetTimestamp();
                requests.Writer.TryWrite(true);
                (string Line, long Received) answer;
                try
                {
                    answer = await answers.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new HostLostException(connection.Address, "the clock probe got no answer within 10 s");
                }
                catch (ChannelClosedException)
                {
                    throw new HostLostException(connection.Address, "the clock probe's session ended");
                }
                var roundTrip = Stopwatch.GetElapsedTime(sent, answer.Received);
                var remote = ParseEpoch(answer.Line)
                    ?? throw new HostException(connection.Address, $"the clock probe on {connection.Address} answered '{answer.Line}', not a time in seconds since 1970");
                var midpoint = sentWall + roundTrip / 2;
                if (roundTrip < best.RoundTrip) best = (roundTrip, remote - midpoint, sentWall);
            }
        }
        finally
        {
            requests.Writer.TryComplete();
            try
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await session.Task.WaitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
        return new ClockOffset(best.Offset, best.RoundTrip / 2, best.RoundTrip, exchanges, best.At);
    }

    /// <summary>"1733097600.123456" (seconds since 1970, any number of decimals) as a UTC time; null when it is not one.</summary>
    internal static DateTimeOffset? ParseEpoch(string text)
    {
        var parts = text.Trim().Split('.');
        if (parts.Length is < 1 or > 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        long ticks = 0;
        if (parts.Length == 2)
        {
            var fraction = parts[1];
            if (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit)) return null;
            // 100 ns ticks: seven decimal places.
            fraction = fraction.Length >= 7 ? fraction[..7] : fraction.PadRight(7, '0');
            ticks = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        return DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(seconds) + TimeSpan.FromTicks(ticks);
    }
}
