namespace PerfNotebooks.Servers;

/// <summary>What importing a user's app found: its interface, and the framework it is built on.</summary>
/// <param name="Interface">WSGI or ASGI, as detected (or as given, when the callable could not tell).</param>
/// <param name="Framework">The distribution the callable's type comes from and its version (e.g. <c>Flask 2.2.2</c>),
/// or <c>none (plain callable)</c>.</param>
/// <param name="Shape">How the callable looked, in words (e.g. <c>an instance of flask.app.Flask</c>).</param>
public sealed record UserAppInspection(AppInterface Interface, string Framework, string Shape);
