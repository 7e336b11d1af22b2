using Expunge.Eligibility.Data;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Api;

public static class DeterminationEndpoints
{
    public static IEndpointRouteBuilder MapDeterminationEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/v1/runs/{runId:guid}").WithTags("determinations");

        runs.MapGet("/determinations", async (Guid runId, PersonHistoryStore store, DeterminationStore decisions, CancellationToken ct) =>
        {
            var counts = await store.ForRunAsync(runId, ct);
            var byReason = await decisions.CountsForRunAsync(runId, ct);
            return Results.Ok(new
            {
                counts.RunId,
                counts.People,
                counts.Pending,
                counts.Decided,
                convictions = byReason.Select(c => new { determination = c.Determination, reasonCode = c.ReasonCode, count = c.Count }),
                note = counts.Pending > 0 ? "Some people have no policy for any of their convictions' counties: set one (expunge policy set) or submit the run with --policy." : null,
            });
        }).WithName("GetRunDeterminations");

        // The current decision of every conviction the run decided: the rows of convictions.csv, plus who they belong to.
        runs.MapGet("/convictions", async (Guid runId, DeterminationStore store, CancellationToken ct) =>
        {
            var rows = await store.CurrentForRunAsync(runId, ct);
            return Results.Ok(new
            {
                header = ConvictionRows.Header,
                // source: every source that reported the conviction (doj;court;da), references: each report, conflicts:
                // where the sources disagree (the court's facts stand).
                rows = rows.Select(r => new { r.PersonId, source = r.Sources, r.DeterminationId, values = r.ResultRow, references = r.SourceReferences, r.Conflicts }),
            });
        }).WithName("GetRunConvictions");

        // What summary.json needs beyond the input counts ingestion holds.
        runs.MapGet("/impact", async (Guid runId, PersonHistoryStore store, CancellationToken ct) => Results.Ok(await store.ImpactAsync(runId, ct)))
            .WithName("GetRunImpact");
        return app;
    }
}
