using Expunge.Eligibility.Data;

namespace Expunge.Eligibility.Api;

public static class DeterminationEndpoints
{
    public static IEndpointRouteBuilder MapDeterminationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/runs/{runId:guid}/determinations", async (Guid runId, PersonHistoryStore store, CancellationToken ct) =>
        {
            var counts = await store.ForRunAsync(runId, ct);
            return Results.Ok(new
            {
                counts.RunId,
                counts.People,
                counts.Pending,
                counts.Decided,
                note = counts.Pending > 0 ? "Histories stored; no policy engine is deployed yet, so every person is pending a decision." : null,
            });
        }).WithTags("determinations").WithName("GetRunDeterminations");
        return app;
    }
}
