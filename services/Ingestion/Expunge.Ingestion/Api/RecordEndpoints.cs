using Expunge.Hosting;
using Expunge.Contracts;
using Expunge.Ingestion.Data;
using Expunge.Ingestion.Domain;

namespace Expunge.Ingestion.Api;

public static class RecordEndpoints
{
    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        // One record event from a county system. 201 with the run it started; 200 with the same run when re-sent.
        app.MapPost("/api/v1/records", async (RecordEventSubmitted e, RecordEventStore events, CancellationToken ct) =>
        {
            var (row, error) = RecordEvents.Check(e);
            if (error is not null) return Results.Problem($"Event {e.Source}/{e.RecordId} refused ({error.Code}): {error.Message}.", statusCode: 400);
            var (runId, created) = await events.AcceptAsync(e, row!, ct);
            var body = new { runId, source = e.Source.Trim(), recordId = e.RecordId.Trim(), duplicate = !created };
            return created ? Results.Created($"/api/v1/runs/{runId}", body) : Results.Ok(body);
        }).WithTags("records").WithName("SubmitRecordEvent").RequireAuthorization(Access.Submit);
        return app;
    }
}
