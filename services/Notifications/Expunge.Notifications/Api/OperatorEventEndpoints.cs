using Expunge.Notifications.Data;

namespace Expunge.Notifications.Api;

public static class OperatorEventEndpoints
{
    public static IEndpointRouteBuilder MapOperatorEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/operator-events", async (Guid? runId, int? limit, OperatorEvents events, CancellationToken ct) =>
            Results.Ok(await events.RecentAsync(runId, Math.Clamp(limit ?? 100, 1, 1000), ct)))
            .WithTags("operator-events").WithName("GetOperatorEvents");
        return app;
    }
}
