using Expunge.Hosting;
using Expunge.Motions.Data;
using Expunge.Motions.Domain;

namespace Expunge.Motions.Api;

public static class FilingEndpoints
{
    public sealed record Answer(string? RowId, string? Outcome, string? Reason);

    public static IEndpointRouteBuilder MapFilingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/runs/{runId:guid}/filings", async (Guid runId, AwaitingDecisions awaiting, FilingStore filings, CancellationToken ct) =>
        {
            var state = await awaiting.ForRunAsync(runId, ct);
            return Results.Ok(new { state.RunId, state.AwaitingDecision, packages = await filings.PackagesAsync(runId, null, 1000, ct) });
        }).WithTags("filings").WithName("GetRunFilings").RequireAuthorization(Access.Filings);

        // An operator asks for a run's packages again (new versions, from the decisions as they stand now).
        app.MapPost("/api/v1/runs/{runId:guid}/filings", (Guid runId, HttpRequest request, FilingStore filings, FilingRequestedSignal requested, CancellationToken ct) =>
            RequestAsync(runId, request, filings, requested, ct)).WithTags("filings").WithName("RequestRunFilings");

        var group = app.MapGroup("/api/v1/filings").WithTags("filings");
        // Everything decided since the previous such request (overrides, later runs), in packages of its own.
        group.MapPost("/", (HttpRequest request, FilingStore filings, FilingRequestedSignal requested, CancellationToken ct) =>
            RequestAsync(null, request, filings, requested, ct)).WithName("RequestFilingsSinceLast");
        // Clerks read the packages and record the court's answers; asking for packages is an operator's (the default).
        group.MapGet("/", async (int? limit, FilingStore filings, CancellationToken ct) =>
            Results.Ok(await filings.PackagesAsync(null, null, Math.Clamp(limit ?? 100, 1, 1000), ct))).WithName("GetFilingPackages").RequireAuthorization(Access.Filings);
        group.MapGet("/requests/{requestId:guid}", async (Guid requestId, FilingStore filings, CancellationToken ct) =>
            await filings.FindRequestAsync(requestId, ct) is { } r ? Results.Ok(r) : Results.Problem($"No filing request {requestId}.", statusCode: 404))
            .WithName("GetFilingRequest").RequireAuthorization(Access.Filings);
        group.MapGet("/{packageId:guid}", async (Guid packageId, FilingStore filings, CancellationToken ct) =>
            (await filings.PackagesAsync(null, packageId, 1, ct)) is [var package] ? Results.Ok(package) : Results.Problem($"No filing package {packageId}.", statusCode: 404))
            .WithName("GetFilingPackage").RequireAuthorization(Access.Filings);
        group.MapGet("/{packageId:guid}/documents/{name}", async (Guid packageId, string name, FilingStore filings, CancellationToken ct) =>
            await filings.DocumentAsync(packageId, name, ct) is { } d
                ? Results.File(d.Content, d.Info.MediaType, d.Info.Name)
                : Results.Problem($"Filing package {packageId} has no document '{name}'.", statusCode: 404))
            .WithName("GetFilingDocument").RequireAuthorization(Access.Filings);
        group.MapPost("/{packageId:guid}/responses", RespondAsync).WithName("RecordCourtResponses").RequireAuthorization(Access.Filings)
            .Accepts<Answer[]>("application/json", "text/csv");
        return app;
    }

    private static async Task<IResult> RequestAsync(Guid? runId, HttpRequest request, FilingStore filings, FilingRequestedSignal requested, CancellationToken ct)
    {
        var requestId = await filings.RequestAsync(runId, Operators.Of(request), ct);
        requested.Notify();
        return Results.Accepted($"/api/v1/filings/requests/{requestId}", new { requestId });
    }

    /// <summary>The court's answers, as CSV (<c>row_id,outcome,reason</c>) or JSON; a body with any bad answer is refused whole.</summary>
    private static async Task<IResult> RespondAsync(Guid packageId, HttpRequest request, CourtResponses responses, MotionsMetrics metrics, CancellationToken ct)
    {
        var errors = new List<string>();
        IReadOnlyList<CourtAnswer> answers;
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body);
            (answers, var csvErrors) = CourtAnswers.ReadCsv(await reader.ReadToEndAsync(ct));
            errors.AddRange(csvErrors);
        }
        else
        {
            Answer[] body;
            try
            {
                body = await request.ReadFromJsonAsync<Answer[]>(ct) ?? [];
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
            {
                // Not JSON, or not a list of answers (InvalidOperationException: a content type that is not JSON).
                return Results.Problem($"The court's response must be CSV (row_id,outcome,reason) or a JSON list of {{rowId, outcome, reason}}: {ex.Message}",
                    statusCode: 400, title: "The court's response could not be read; nothing was recorded.");
            }
            answers = [.. body.Select((a, i) => CourtAnswers.Parse(a.RowId ?? "", a.Outcome ?? "", a.Reason, $"answer {i + 1}", errors)).OfType<CourtAnswer>()];
        }
        if (errors.Count > 0) return Results.Problem(string.Join("; ", errors.Take(50)), statusCode: 400, title: "The court's response has errors; nothing was recorded.");
        if (answers.Count == 0) return Results.Problem("The response names no rows.", statusCode: 400);
        var outcome = await responses.RecordAsync(packageId, answers, Operators.Of(request), ct);
        if (outcome is null) return Results.Problem($"No filing package {packageId}.", statusCode: 404);
        if (outcome.UnknownRows.Count > 0)
        {
            return Results.Problem($"Rows not in package {packageId}: {string.Join(", ", outcome.UnknownRows.Take(50))}; nothing was recorded.", statusCode: 400);
        }
        metrics.CourtResponses.Add(outcome.Accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        metrics.CourtResponses.Add(outcome.Rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
        return Results.Ok(outcome);
    }
}
