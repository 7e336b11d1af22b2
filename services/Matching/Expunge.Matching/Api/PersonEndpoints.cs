using Expunge.Matching.Data;

namespace Expunge.Matching.Api;

public static class PersonEndpoints
{
    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder app)
    {
        // links.csv of `expunge submit --wait`: source, source_record_id, person_id for every record of the run.
        app.MapGet("/api/v1/runs/{runId:guid}/links", async (Guid runId, PersonLinks links, CancellationToken ct) =>
            Results.Ok(await links.ForRunAsync(runId, ct))).WithTags("people").WithName("GetRunLinks");
        return app;
    }
}
