namespace PerfNotebooks.Experiments;

/// <summary>
/// Checks a run.json just read for the fields the code relies on. JSON can hold <c>null</c> where a record
/// says "required" (<c>"plan": null</c> deserializes): such a file is corrupt, said in one line naming the
/// field, instead of a NullReferenceException somewhere later.
/// </summary>
internal static class RunInfoCheck
{
    /// <summary>Returns <paramref name="info"/>, or throws <see cref="FormatException"/> naming the first missing field.</summary>
    public static RunInfo Validate(RunInfo? info)
    {
        if (info is null) throw new FormatException("it is empty (null)");
        Require(info.Id, "id");
        var plan = Require(info.Plan, "plan");
        Require(plan.Name, "plan.name");
        var matrices = Require(plan.Matrices, "plan.matrices");
        for (var i = 0; i < matrices.Count; i++)
        {
            var at = $"plan.matrices[{i}]";
            var m = Require(matrices[i], at);
            Require(m.Label, at + ".label");
            Require(m.Levels, at + ".levels");
            Require(m.Workers, at + ".workers");
            var endpoints = Require(m.Endpoints, at + ".endpoints");
            for (var e = 0; e < endpoints.Count; e++) Require(endpoints[e], $"{at}.endpoints[{e}]");
            var stacks = Require(m.Stacks, at + ".stacks");
            for (var s = 0; s < stacks.Count; s++)
            {
                var stackAt = $"{at}.stacks[{s}]";
                var stack = Require(stacks[s], stackAt);
                Require(stack.Name, stackAt + ".name");
                Require(stack.App, stackAt + ".app");
                Require(stack.Server, stackAt + ".server");
                Require(stack.Host, stackAt + ".host");
                Require(stack.Python, stackAt + ".python");
                Require(stack.ExtraArgs, stackAt + ".extraArgs");
                Require(stack.Environment, stackAt + ".environment");
                if (stack.Command is { } command)
                    for (var c = 0; c < command.Count; c++) Require(command[c], $"{stackAt}.command[{c}]");
            }
        }
        var environment = Require(info.Environment, "environment");
        Require(environment.Packages, "environment.packages");
        return info;
    }

    private static T Require<T>(T? value, string field) where T : class
        => value ?? throw new FormatException($"its field '{field}' is missing (null)");
}
