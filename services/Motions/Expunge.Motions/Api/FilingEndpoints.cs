using Expunge.Motions.Data;

namespace Expunge.Motions.Api;

public static class FilingEndpoints
{
    public static IEndpointRouteBuilder MapFilingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/runs/{runId:guid}/filings", async (Guid runId, AwaitingDecisions awaiting, CancellationToken ct) =>
        {
            var state = await awaiting.ForRunAsync(runId, ct);
            return Results.Ok(new { state.RunId, state.AwaitingDecision, packages = Array.Empty<object>() });
        }).WithTags("filings").WithName("GetRunFilings");
        return app;
    }
}
