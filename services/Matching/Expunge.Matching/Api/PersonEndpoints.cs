using Expunge.CountyRecords;
using Expunge.Matching.Data;

namespace Expunge.Matching.Api;

public static class PersonEndpoints
{
    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder app)
    {
        // links.csv of `expunge submit --wait`: source, source_record_id, person_id for every record of the run.
        app.MapGet("/api/v1/runs/{runId:guid}/links", async (Guid runId, PersonLinks links, CancellationToken ct) =>
            Results.Ok(await links.ForRunAsync(runId, ct))).WithTags("people").WithName("GetRunLinks");
        // "Is this person in our records?": by CII number, or by name (SURNAME,GIVEN) and date of birth. The values are
        // matched by their keyed hashes; the query string is not written to the audit log (route values only).
        app.MapGet("/api/v1/people/lookup", async (string? cii, string? name, string? dob, PersonLinks links, CancellationToken ct) =>
            PersonLookupKeys.ForQuery(cii, name, dob) is { } key
                ? Results.Ok(await links.LookUpAsync(key, ct))
                : Results.Problem("Give cii (a CII number), or name (SURNAME,GIVEN) and dob (YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD).", statusCode: 400))
            .WithTags("people").WithName("LookUpPeople");
        return app;
    }
}
