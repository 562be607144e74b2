using System.Globalization;
using System.Text.Json.Serialization;

namespace PerfNotebooks.Load;

/// <summary>
/// A target rate that changes over a run (open loop, coordinated-omission corrected as at a constant rate):
/// a spike (a base rate, then a peak for a while, then the base again), a ramp, steps, or a schedule read from
/// a CSV file of second,rate lines. Time 0 is the start of the measured window; the warm-up runs at the rate of
/// time 0. Written as <see cref="Text"/> (<c>spike:base=200,peak=2000,at=5s,for=5s</c>) and kept in run.json
/// with its segments, so a stored run knows what was offered each second.
/// </summary>
public sealed record RateProfile
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Example = "spike:base=200,peak=2000,at=5s,for=5s (or ramp:from=100,to=1000,over=10s, step:rates=100/200/400,every=5s, or schedule:FILE.csv with lines second,rate)";

    /// <summary>The highest rate a profile may ask for.</summary>
    public const double MaxRate = 1_000_000;

    /// <summary>The longest profile.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(1);

    /// <summary>spike, ramp, step or schedule.</summary>
    public required string Kind { get; init; }

    /// <summary>The profile as written (canonical form; a schedule names its file).</summary>
    public required string Text { get; init; }

    /// <summary>The pieces, back to back from 0 to <see cref="Length"/>.</summary>
    public required IReadOnlyList<RateSegment> Segments { get; init; }

    /// <summary>For a spike: when it starts and ends (seconds); null for other kinds.</summary>
    public double? SpikeStart { get; init; }
    /// <summary>When the spike ends (seconds); null for other kinds.</summary>
    public double? SpikeEnd { get; init; }

    /// <summary>How long the profile lasts: the measured window of a run that follows it.</summary>
    [JsonIgnore]
    public TimeSpan Length => TimeSpan.FromSeconds(Segments[^1].End);

    /// <summary>The highest rate the profile asks for.</summary>
    [JsonIgnore]
    public double PeakRate => Segments.Max(s => Math.Max(s.From, s.To));

    /// <summary>The rate at time 0 (the warm-up's).</summary>
    [JsonIgnore]
    public double StartRate => Segments[0].From;

    /// <summary>The rate at <paramref name="second"/> after the window began; the last rate beyond the end.</summary>
    public double RateAt(double second)
    {
        foreach (var s in Segments)
            if (second < s.End) return s.RateAt(Math.Max(second, s.Start));
        return Segments[^1].To;
    }

    /// <summary>Requests the profile asks for between <paramref name="from"/> and <paramref name="to"/> seconds.</summary>
    public double Requests(double from, double to) => Segments.Sum(s => s.Requests(from, to));

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>The profile as JSON (kind, text, segments, spike bounds): what <see cref="Parse"/> reads back from <c>@FILE</c>.</summary>
    public static string ToJson(RateProfile profile) => System.Text.Json.JsonSerializer.Serialize(profile, JsonOptions);

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };

    private static RateProfile FromJsonFile(string path, string option, string text)
    {
        RateProfile? profile;
        try
        {
            profile = System.Text.Json.JsonSerializer.Deserialize<RateProfile>(File.ReadAllText(path), JsonOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw Bad(option, text, $"names a profile file that cannot be read ({e.Message})");
        }
        if (profile is null || profile.Segments.Count == 0 || profile.Segments.Any(s => !(s.End > s.Start) || s.From < 0 || s.To < 0))
            throw Bad(option, text, "names a profile file without valid segments");
        return profile;
    }

    /// <summary>
    /// The same shape in <paramref name="factor"/> times the time (0.25: four times shorter), the rates unchanged:
    /// what quick mode runs. Its text says so.
    /// </summary>
    public RateProfile Scaled(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "a time factor above 0");
        return this with
        {
            Text = $"{Text} (time x{Fmt(factor)})",
            Segments = Segments.Select(s => s with { Start = s.Start * factor, End = s.End * factor }).ToList(),
            SpikeStart = SpikeStart * factor,
            SpikeEnd = SpikeEnd * factor,
        };
    }

    /// <summary>
    /// Parses a profile; a mistake is a <see cref="PerfNotebooksException"/> of one line saying what is wrong and
    /// showing a valid example. A schedule's file is read relative to <paramref name="directory"/> (default: the
    /// current one).
    /// </summary>
    public static RateProfile Parse(string? text, string option = "profile", string? directory = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Bad(option, text, "is empty");
        var trimmed = text.Trim();
        if (trimmed.StartsWith('@'))
        {
            var file = trimmed[1..];
            return FromJsonFile(Path.IsPathRooted(file) ? file : Path.Combine(directory ?? Directory.GetCurrentDirectory(), file), option, text);
        }
        var colon = trimmed.IndexOf(':');
        if (colon <= 0) throw Bad(option, text, "has no kind");
        var kind = trimmed[..colon].Trim().ToLowerInvariant();
        var rest = trimmed[(colon + 1)..].Trim();
        var profile = kind switch
        {
            "spike" => Spike(Fields(rest, option, text, "base", "peak", "at", "for", "length"), option, text),
            "ramp" => Ramp(Fields(rest, option, text, "from", "to", "over", "hold"), option, text),
            "step" => Step(Fields(rest, option, text, "rates", "every"), option, text),
            "schedule" => Schedule(rest, option, text, directory),
            _ => throw Bad(option, text, $"has an unknown kind '{kind}'"),
        };
        if (profile.Length > MaxLength) throw Bad(option, text, $"lasts {Duration.Format(profile.Length)}, longer than {Duration.Format(MaxLength)}");
        if (!(profile.PeakRate > 0)) throw Bad(option, text, "never asks for a request (every rate is 0)");
        return profile;
    }

    private static RateProfile Spike(Dictionary<string, string> f, string option, string text)
    {
        var baseRate = Rate(f, "base", option, text);
        var peak = Rate(f, "peak", option, text);
        var at = Seconds(f, "at", option, text);
        var length = Seconds(f, "for", option, text, positive: true);
        var end = at + length;
        // As long after the spike as before it (at least the spike's length), so recovery can be seen.
        var total = f.ContainsKey("length") ? Seconds(f, "length", option, text, positive: true) : end + Math.Max(at, length);
        if (total < end) throw Bad(option, text, $"has length {Fmt(total)}s, shorter than the spike's end at {Fmt(end)}s");
        var segments = new List<RateSegment>();
        if (at > 0) segments.Add(new RateSegment(0, at, baseRate, baseRate));
        segments.Add(new RateSegment(at, end, peak, peak));
        if (total > end) segments.Add(new RateSegment(end, total, baseRate, baseRate));
        var canonical = $"spike:base={Fmt(baseRate)},peak={Fmt(peak)},at={Fmt(at)}s,for={Fmt(length)}s" + (f.ContainsKey("length") ? $",length={Fmt(total)}s" : "");
        return new RateProfile { Kind = "spike", Text = canonical, Segments = segments, SpikeStart = at, SpikeEnd = end };
    }

    private static RateProfile Ramp(Dictionary<string, string> f, string option, string text)
    {
        var from = Rate(f, "from", option, text);
        var to = Rate(f, "to", option, text);
        var over = Seconds(f, "over", option, text, positive: true);
        var hold = f.ContainsKey("hold") ? Seconds(f, "hold", option, text) : 0;
        List<RateSegment> segments = [new RateSegment(0, over, from, to)];
        if (hold > 0) segments.Add(new RateSegment(over, over + hold, to, to));
        var canonical = $"ramp:from={Fmt(from)},to={Fmt(to)},over={Fmt(over)}s" + (hold > 0 ? $",hold={Fmt(hold)}s" : "");
        return new RateProfile { Kind = "ramp", Text = canonical, Segments = segments };
    }

    private static RateProfile Step(Dictionary<string, string> f, string option, string text)
    {
        if (!f.TryGetValue("rates", out var list)) throw Bad(option, text, "is missing rates");
        var rates = list.Split('/', StringSplitOptions.TrimEntries).Select(r => ParseRate(r, "rates", option, text)).ToList();
        var every = Seconds(f, "every", option, text, positive: true);
        var segments = rates.Select((r, i) => new RateSegment(i * every, (i + 1) * every, r, r)).ToList();
        return new RateProfile { Kind = "step", Text = $"step:rates={string.Join('/', rates.Select(Fmt))},every={Fmt(every)}s", Segments = segments };
    }

    private static RateProfile Schedule(string path, string option, string text, string? directory)
    {
        if (path.Length == 0) throw Bad(option, text, "names no file");
        var full = Path.IsPathRooted(path) ? path : Path.Combine(directory ?? Directory.GetCurrentDirectory(), path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(option, text, $"names a file that cannot be read ({e.Message})");
        }
        var points = new List<(double Second, double Rate)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && line.StartsWith("second", StringComparison.OrdinalIgnoreCase))) continue;
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            var where = $"line {(i + 1).ToString(CultureInfo.InvariantCulture)} of {path} ('{line}')";
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var second) || !double.IsFinite(second) || second < 0
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate < 0 || rate > MaxRate)
                throw Bad(option, text, $"has {where}, not second,rate (a second from 0 up, a rate from 0 to {Fmt(MaxRate)})");
            if (points.Count == 0 && second != 0) throw Bad(option, text, $"starts at second {Fmt(second)} on {where}; the first line must be second 0");
            if (points.Count > 0 && second <= points[^1].Second) throw Bad(option, text, $"goes back in time on {where}; seconds must increase");
            points.Add((second, rate));
        }
        if (points.Count == 0) throw Bad(option, text, "names a file with no second,rate line");
        // Each rate holds until the next line's second; the last one for one second.
        var segments = points.Select((p, i) => new RateSegment(p.Second, i + 1 < points.Count ? points[i + 1].Second : p.Second + 1, p.Rate, p.Rate)).ToList();
        return new RateProfile { Kind = "schedule", Text = $"schedule:{path}", Segments = segments };
    }

    private static Dictionary<string, string> Fields(string rest, string option, string text, params string[] known)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw Bad(option, text, $"has '{part}', not name=value");
            var name = part[..eq].Trim().ToLowerInvariant();
            if (!known.Contains(name)) throw Bad(option, text, $"has an unknown setting '{name}' (known: {string.Join(", ", known)})");
            if (!fields.TryAdd(name, part[(eq + 1)..].Trim())) throw Bad(option, text, $"sets '{name}' twice");
        }
        return fields;
    }

    private static double Rate(Dictionary<string, string> f, string name, string option, string text)
        => f.TryGetValue(name, out var value) ? ParseRate(value, name, option, text) : throw Bad(option, text, $"is missing {name}");

    private static double ParseRate(string value, string name, string option, string text)
        => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate) && rate >= 0 && rate <= MaxRate
            ? rate
            : throw Bad(option, text, $"has {name}={value}, not a rate from 0 to {Fmt(MaxRate)} req/s");

    private static double Seconds(Dictionary<string, string> f, string name, string option, string text, bool positive = false)
    {
        if (!f.TryGetValue(name, out var value)) throw Bad(option, text, $"is missing {name}");
        if (!Duration.TryParse(value, out var span) || (positive && span <= TimeSpan.Zero))
            throw Bad(option, text, $"has {name}={value}, not a duration{(positive ? " above 0" : "")} ({Duration.AcceptedForms})");
        return span.TotalSeconds;
    }

    private static PerfNotebooksException Bad(string option, string? text, string what)
        => new($"{option} '{text}' {what}; give a profile such as {Example}.");

    private static string Fmt(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
