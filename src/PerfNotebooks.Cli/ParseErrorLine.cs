using System.CommandLine;
using System.CommandLine.Parsing;
using PerfNotebooks.Servers;

namespace PerfNotebooks.Cli;

/// <summary>
/// A command line System.CommandLine could not parse, said in one line: what was wrong, the option or command
/// the user probably meant ("Did you mean '--stacks'?"), and where the full list is. Replaces the library's
/// default (every error, suggestions, then the whole help text, exit 1).
/// </summary>
internal static class ParseErrorLine
{
    public static string For(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var isRoot = parse.CommandResult.Parent is null;
        var name = isRoot ? "perfnb" : $"perfnb {command.Name}";
        var help = $"`{name} --help` lists {(isRoot ? "the commands" : "its options")}";

        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                var options = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct();
                return $"unknown option '{token}' for {name}.{SuggestOption(token, options)} {help}.";
            }
            if (isRoot)
                return $"unknown command '{token}'.{Suggest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} Commands: {Commands(command)}.";
            return $"unexpected argument '{token}' for {name}. {help}.";
        }

        var error = parse.Errors[0];
        if (error.SymbolResult is OptionResult { Option: var option })
        {
            var given = string.Join(' ', parse.Errors.Where(e => e.SymbolResult == error.SymbolResult).SelectMany(_ => error.SymbolResult.Tokens.Select(t => t.Value)).Distinct());
            if (error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
                return $"{option.Name} '{given}' is not accepted; give {Expected(option.ValueType)}. {help}.";
            if (error.Message.StartsWith("Required argument missing", StringComparison.Ordinal))
                return $"{option.Name} needs a value. {help}.";
            if (error.Message.Contains("expects a single argument", StringComparison.Ordinal))
                return $"{option.Name} is given more than once; give it once. {help}.";
        }
        if (isRoot && parse.Errors.Any(e => e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)))
            return $"no command given. Commands: {Commands(command)}; `perfnb --help` describes them.";
        if (error.Message.StartsWith("Required argument missing for command", StringComparison.Ordinal) && command.Arguments.FirstOrDefault(a => a.Arity.MinimumNumberOfValues > 0) is { } argument)
            return $"{command.Name} needs its {argument.Name.ToUpperInvariant()} argument. {help}.";
        return $"{error.Message.TrimEnd('.')}. {help}.";
    }

    private static string Suggest(string token, IEnumerable<string> candidates)
        => EditDistance.Nearest(token, candidates) is { } nearest ? $" Did you mean '{nearest}'?" : "";

    /// <summary>Options all start with dashes, which make any two look alike: compare what follows them, and only
    /// suggest a near miss (a third of the letters at most: '--stakcs' is '--stacks', '--bogus' is nothing).</summary>
    private static string SuggestOption(string token, IEnumerable<string> options)
    {
        var typed = token.TrimStart('-');
        if (typed.Length < 3) return "";
        var best = options
            .Select(o => (Option: o, Distance: EditDistance.Between(typed, o.TrimStart('-'))))
            .Where(c => c.Distance <= Math.Max(1, typed.Length / 3))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Option is null ? "" : $" Did you mean '{best.Option}'?";
    }

    private static string Commands(Command root) => string.Join(", ", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) => "a number",
        var t when t == typeof(bool) => "true or false",
        var t => $"a {t.Name}",
    };
}
