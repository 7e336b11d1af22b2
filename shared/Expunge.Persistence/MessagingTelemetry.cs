using System.Diagnostics;

namespace Expunge.Persistence;

/// <summary>
/// Carries traces across the tables between a piece of work and what it publishes (the outbox, a run waiting to be
/// closed, a filing request): the W3C traceparent of the work is stored with the row, and whatever picks the row up
/// later continues that trace with <see cref="Continue"/>.
/// </summary>
public static class MessagingTelemetry
{
    public const string SourceName = "Expunge.Messaging";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current activity's traceparent, or null outside one.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } a ? a.Id : null;

    /// <summary>An activity that continues the stored trace (a new root when none was stored or none is listening).</summary>
    public static Activity? Continue(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
}
