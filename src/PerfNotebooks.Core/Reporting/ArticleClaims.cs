namespace PerfNotebooks.Reporting;

/// <summary>
/// Every claim of the classic article ("Python Web Server Performance Comparison", 2023, on Django, Flask,
/// Tornado and Gunicorn), in the article's order, each with its sentence quoted and the testable statement it
/// is read as; then the claims the toolkit adds. A claim that no measurement can decide (a description, a
/// statement about popularity) is listed too, as not measured, with the reason. The claims measured are judged
/// with the same ratio interval as the verdicts (<see cref="ClaimJudge"/>).
/// </summary>
public static class ArticleClaims
{
    /// <summary>The section of a claim the toolkit adds (not in the article).</summary>
    public const string Toolkit = "toolkit";

    /// <summary>Checks every claim of the article the run has data for.</summary>
    public static IReadOnlyList<ClaimCheck> Check(RunAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return
        [
            // The servers, one by one.
            Quoted(SeedClaims.DevServer(a, "Django's development server (runserver) is not fit for production load.", "django-runserver", "django-gunicorn"),
                "Django", "Django is a high-level web framework that comes with its built-in web server for development purposes. However, it is not recommended for production use due to its limited performance capabilities."),
            Quoted(FrameworkCostClaims.UnderLoad(a),
                "Django", "While Django offers a wide range of features and a robust development environment, it may struggle to handle high traffic loads efficiently."),
            Unmeasurable("Flask ships no web server of its own.",
                "Flask", "It does not include a built-in web server but can be easily integrated with other web servers such as Gunicorn or uWSGI.",
                "a statement about packaging, not performance, and not so: Flask includes a development server (flask run, on Werkzeug), measured here as flask-dev; "
                + "that it is not fit for production load is checked below as a claim of the toolkit's own. Running under Gunicorn or uWSGI is what every flask-gunicorn and flask-uwsgi figure measures."),
            Unmeasurable("Flask is simple, flexible and popular for small to medium-sized projects.",
                "Flask", "Flask is known for its simplicity and flexibility, making it a popular choice for small to medium-sized projects.",
                "not a performance claim: simplicity, flexibility and popularity are not measured by load."),
            Unmeasurable("Tornado is scalable and built for high performance.",
                "Tornado", "Tornado is a scalable and non-blocking web server framework built for high-performance applications.",
                "a description rather than a claim a measurement can decide; what is measurable in it (many connections, scalability, real-time) is checked by the claims about Tornado that follow."),
            Quoted(SeedClaims.ManyConnections(a),
                "Tornado", "It excels in handling a large number of concurrent connections efficiently."),
            Quoted(RealtimeClaim.Check(a),
                "Tornado", "Tornado utilizes an event-driven architecture and asynchronous I/O, making it ideal for real-time applications such as chat systems or websockets."),

            // Performance comparison.
            Quoted(ThousandsClaim.Check(a),
                "Throughput", "Tornado ... can efficiently handle thousands of simultaneous connections."),
            Quoted(GunicornConfigClaim.Check(a),
                "Throughput", "Gunicorn, when properly configured, also offers decent throughput."),
            Quoted(FrameworkCostClaims.Latency(a),
                "Response time", "Django, being a high-level framework, may experience slightly higher response times compared to the other servers."),
            Quoted(SpikeClaim.Check(a),
                "Scalability", "Flask ... may require additional configurations to handle significant traffic spikes."),
            Quoted(FrameworkCostClaims.DjangoResources(a),
                "Resource utilization", "Django ... may consume more system resources"),
            Quoted(FrameworkCostClaims.FlaskResources(a),
                "Resource utilization", "Flask ... offers efficient resource utilization"),
            Quoted(BalanceClaim.Check(a),
                "Resource utilization", "Tornado and Gunicorn strike a balance between performance and resource utilization."),

            // What the toolkit adds: the common readings of the article's Gunicorn and async sections, and the Flask counterpart of the Django dev-server claim.
            Quoted(SeedClaims.DevServer(a, "Flask's development server (Werkzeug) is not fit for production load.", "flask-dev", "flask-gunicorn"), Toolkit, ""),
            Quoted(SeedClaims.WorkersScale(a), Toolkit, ""),
            Quoted(SeedClaims.AsyncBeatsSyncOnIo(a), Toolkit, ""),
            Quoted(SeedClaims.GeventHelpsIo(a), Toolkit, ""),
        ];
    }

    private static ClaimCheck Quoted(ClaimCheck check, string section, string quote) => check with { Section = section, Quote = quote };

    private static ClaimCheck Unmeasurable(string claim, string section, string quote, string why)
        => new(claim, ClaimOutcome.NotMeasured, why) { Section = section, Quote = quote };
}
