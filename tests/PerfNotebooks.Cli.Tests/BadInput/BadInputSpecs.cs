using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PerfNotebooks.Experiments;

namespace PerfNotebooks.Cli.Tests.BadInput;

/// <summary>
/// The README's table of bad input, row by row, through the real perfnb: exactly the line the table shows on
/// stderr (a prefix where it ends in "..."), exit code 2, no stack trace, and every stored file as it was.
/// The table is the test's data, so what the README promises is what perfnb does.
/// </summary>
public sealed class BadInputSpecs(BadInputSpecs.Folder folder) : IClassFixture<BadInputSpecs.Folder>
{
    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (var (command, line) in ReadmeTable()) data.Add(command, line);
        return data;
    }

    [Fact]
    public void The_readme_lists_at_least_30_bad_inputs()
        => Assert.True(ReadmeTable().Count >= 30, $"{ReadmeTable().Count} rows");

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Rows))]
    public async Task Bad_input_is_one_line_on_stderr_exit_code_2_and_nothing_stored_changes(string command, string expected)
    {
        var args = Split(command).Skip(1).ToArray(); // without "perfnb"
        await using var p = Perfnb.StartIn(folder.Path, folder.Marker, null, args);
        var code = await p.WaitAsync(TimeSpan.FromSeconds(50));

        Assert.True(code == 2, $"{command}: exit {code}\n{p.Stdout}\n{p.Stderr}");
        Assert.DoesNotContain("   at ", p.Stderr + p.Stdout);
        var line = Assert.Single(p.Stderr.Trim().Split('\n'));
        var prefix = expected.EndsWith(" ...", StringComparison.Ordinal) ? expected[..^4] : expected;
        Assert.True(expected.EndsWith(" ...", StringComparison.Ordinal) ? line.StartsWith(prefix, StringComparison.Ordinal) : line == prefix,
            $"{command}\nexpected: {expected}\nactual:   {line}");
        Assert.Equal(folder.Snapshot, Folder.Take(folder.Path));
    }

    /// <summary>The rows of the README's bad-input table: (command line, the line on stderr).</summary>
    private static List<(string Command, string Line)> ReadmeTable()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoRoot.Path, "README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("| bad input | the one line on stderr", StringComparison.Ordinal));
        Assert.True(start >= 0, "README.md has no bad-input table");
        var rows = new List<(string, string)>();
        foreach (var row in readme.Skip(start + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = Regex.Match(row, @"^\| `(?<command>[^`]+)` \| `(?<line>[^`]+)` \|$");
            Assert.True(cells.Success, $"README row does not read as | `command` | `line` |: {row}");
            rows.Add((cells.Groups["command"].Value, cells.Groups["line"].Value));
        }
        return rows;
    }

    /// <summary>Splits a command line as a shell would for these rows: spaces, and double quotes around a word.</summary>
    private static List<string> Split(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in commandLine)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (any) words.Add(word.ToString());
                word.Clear();
                any = false;
                continue;
            }
            word.Append(c);
            any = true;
        }
        if (any) words.Add(word.ToString());
        return words;
    }


    /// <summary>
    /// The folder the rows run in: data/runs/good (complete), broken (run.json cut short), empty (no run.json),
    /// locked (this test process holds its lock, as a perfnb writing it would), and a file notes.txt. Its files'
    /// hashes are taken once; every row must leave them as they were.
    /// </summary>
    public sealed class Folder : IDisposable
    {
        private readonly TempFolder _temp = new();
        private readonly RunSession _locked;

        public Folder()
        {
            var runs = System.IO.Path.Combine(Path, RunStore.DefaultRoot);
            var plan = SyntheticRun.Plan(stacks: 1, levels: [8], reps: 2, endpoints: ["/plaintext"]);
            using (var good = RunStore.Create(runs, plan, SyntheticRun.Environment(), "good"))
            {
                foreach (var cell in plan.Cells()) good.Append(SyntheticRun.Cell(cell));
                good.SetStatus(RunStatus.Complete);
            }
            _locked = RunStore.Create(runs, plan, SyntheticRun.Environment(), "locked");
            _locked.Append(SyntheticRun.Cell(plan.Cells()[0]));
            Directory.CreateDirectory(System.IO.Path.Combine(runs, "broken"));
            File.WriteAllText(System.IO.Path.Combine(runs, "broken", RunFiles.RunJson), "{ \"id\": ");
            Directory.CreateDirectory(System.IO.Path.Combine(runs, "empty"));
            File.WriteAllText(System.IO.Path.Combine(Path, "notes.txt"), "not a folder\n");
            Snapshot = Take(Path);
        }

        public string Path => _temp.Path;

        public string Marker { get; } = Guid.NewGuid().ToString("N");

        public string Snapshot { get; }

        /// <summary>Every file and folder under <paramref name="root"/> with the SHA-256 of each file, one per line.</summary>
        public static string Take(string root) => string.Join('\n', Directory
            .EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(entry => System.IO.Path.GetRelativePath(root, entry) + (!File.Exists(entry) ? "/"
                // A held lock file cannot be opened (that is the lock); it is empty: its length says enough.
                : System.IO.Path.GetFileName(entry) == ".lock" ? $" {new FileInfo(entry).Length} bytes"
                : " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))))));

        public void Dispose()
        {
            MarkedProcesses.KillAll(Marker);
            _locked.Dispose();
            _temp.Dispose();
        }
    }
}
