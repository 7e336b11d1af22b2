using Expunge.Hosting;
using Expunge.Ingestion.Data;
using Expunge.Ingestion.Domain;
using Microsoft.AspNetCore.Http.Features;

namespace Expunge.Ingestion.Api;

public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/v1/runs").WithTags("runs").RequireAuthorization(Access.Submit);

        runs.MapPost("/", async (HttpRequest request, IngestionRuns store, CancellationToken ct) =>
        {
            // Optional body { "policy": { …policy file… } }: the run's own policy, applied by eligibility.
            string? policy = null;
            if (request.ContentLength > 0 || request.Headers.ContentType.Count > 0)
            {
                try
                {
                    using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                    if (body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && body.RootElement.TryGetProperty("policy", out var p))
                    {
                        policy = p.ValueKind == System.Text.Json.JsonValueKind.Object ? p.GetRawText()
                            : throw new System.Text.Json.JsonException("'policy' must be a policy object");
                    }
                }
                catch (System.Text.Json.JsonException ex)
                {
                    return Results.Problem($"The run's body must be JSON like {{\"policy\": {{…}}}}: {ex.Message}", statusCode: 400);
                }
            }
            var run = await store.CreateAsync(policy, ct);
            return Results.Created($"/api/v1/runs/{run.RunId}", run);
        }).WithName("CreateRun");

        runs.MapGet("/", async (IngestionRuns store, CancellationToken ct) => Results.Ok(await store.RecentAsync(50, ct)))
            .WithName("ListRuns");

        runs.MapGet("/{runId:guid}", async (Guid runId, IngestionRuns store, CancellationToken ct) =>
            await store.FindAsync(runId, ct) is { } run
                ? Results.Ok(new { run, files = await store.FilesAsync(runId, ct) })
                : RunNotFound(runId)).WithName("GetRun");

        runs.MapPost("/{runId:guid}/files", UploadFileAsync).WithName("UploadFile");

        runs.MapPost("/{runId:guid}/close", async (Guid runId, IngestionRuns store, RunClosingSignal closing, CancellationToken ct) =>
        {
            if (await store.CloseAsync(runId, ct) is not { } run) return RunNotFound(runId);
            closing.Notify();
            return Results.Accepted($"/api/v1/runs/{runId}", run);
        }).WithName("CloseRun");

        runs.MapGet("/{runId:guid}/rejected", async (Guid runId, int? limit, RawRowStore rows, CancellationToken ct) =>
            Results.Ok(await rows.RejectedAsync(runId, Math.Clamp(limit ?? 1000, 1, 100_000), ct))).WithName("GetRejectedRows");

        // Kept rows with a value read as unknown (a date that cannot be read): the warnings of errors.json.
        runs.MapGet("/{runId:guid}/warnings", async (Guid runId, int? limit, RawRowStore rows, CancellationToken ct) =>
            Results.Ok(await rows.WarningsAsync(runId, Math.Clamp(limit ?? 1000, 1, 100_000), ct))).WithName("GetRowWarnings");

        return app;
    }

    /// <summary>The file is the raw request body, streamed straight into the database (never buffered whole).</summary>
    private static async Task<IResult> UploadFileAsync(Guid runId, string? kind, string? name, HttpContext http,
        RawRowStore rows, IngestionMetrics metrics, CancellationToken ct)
    {
        kind ??= FileKinds.Doj;
        if (!FileKinds.All.Contains(kind))
        {
            return Results.Problem($"Unsupported file kind '{kind}': expected kind=doj (the DOJ bulk extract), kind=court (the court case-management export) or kind=da (the DA / city-attorney export).", statusCode: 400);
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return Results.Problem("Query parameter 'name' (the file's name, used in error reports) is required.", statusCode: 400);
        }
        // A county extract is gigabytes: lift the default body limit, and let the synchronous CSV reader read the body.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = null;
        if (http.Features.Get<IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;

        var (result, refusal) = await Task.Run(() => rows.StoreFile(runId, name, kind, http.Request.Body), ct);
        switch (refusal)
        {
            case FileRefusal.RunNotFound: return RunNotFound(runId);
            case FileRefusal.RunNotOpen: return Results.Problem($"Run {runId} is closed; start a new run to add files.", statusCode: 409);
            case FileRefusal.DuplicateFileName: return Results.Problem($"Run {runId} already has a file named '{name}'.", statusCode: 409);
            case FileRefusal.NotThisKind: return Results.Problem($"{name}: {result!.Refusal}", statusCode: 400);
        }
        metrics.RowsRead.Add(result!.Rows);
        metrics.RowsRejected.Add(result.Rejected);
        return Results.Ok(new
        {
            file = result.File,
            rows = result.Rows,
            rejected = result.Rejected,
            allRowsRejected = result.Rows > 0 && result.Rejected == result.Rows,
            errors = result.Errors.Select(e => new { line = e.Line, code = e.Code, message = e.Message }),
            warned = result.Warned,
            warnings = result.Warnings.Select(e => new { line = e.Line, code = e.Code, message = e.Message }),
        });
    }

    private static IResult RunNotFound(Guid runId) => Results.Problem($"No run {runId}.", statusCode: 404);
}
