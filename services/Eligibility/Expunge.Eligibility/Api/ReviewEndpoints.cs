using Expunge.Hosting;
using Expunge.Eligibility.Data;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Api;

public static class ReviewEndpoints
{
    public sealed record Resolution(string? Note, string? Determination);

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/v1/review").WithTags("review");

        review.MapGet("/", async (string? status, int? limit, DeterminationStore store, CancellationToken ct) =>
        {
            var items = await store.ReviewQueueAsync(status ?? "open", Math.Clamp(limit ?? 100, 1, 1000), ct);
            return Results.Ok(items.Select(Describe));
        }).WithName("GetReviewQueue");

        review.MapGet("/{determinationId:long}", async (long determinationId, DeterminationStore store, CancellationToken ct) =>
            await store.ReviewItemAsync(determinationId, ct) is { } item ? Results.Ok(Describe(item))
                : Results.Problem($"No review item for decision {determinationId}.", statusCode: 404)).WithName("GetReviewItem");

        // How many decisions wait for a person (what the backlog alert watches).
        review.MapGet("/summary", async (DeterminationStore store, CancellationToken ct) => Results.Ok(new { open = await store.OpenReviewCountAsync(ct) }))
            .WithName("GetReviewSummary");

        review.MapPost("/{determinationId:long}/confirm", (long determinationId, Resolution body, HttpRequest request, DeterminationStore store, CancellationToken ct) =>
            ResolveAsync(determinationId, body, null, request, store, ct)).WithName("ConfirmReview");

        review.MapPost("/{determinationId:long}/override", (long determinationId, Resolution body, HttpRequest request, DeterminationStore store, CancellationToken ct) =>
            body.Determination is { } d && Determinations.All.Contains(d)
                ? ResolveAsync(determinationId, body, d, request, store, ct)
                : Task.FromResult(Results.Problem($"'determination' must be one of: {string.Join(", ", Determinations.All)}.", statusCode: 400)))
            .WithName("OverrideReview");
        return app;
    }

    private static object Describe((ReviewItem Item, StoredDetermination Decision) x) => new
    {
        x.Item.DeterminationId, x.Item.PersonId, x.Item.RunId, x.Item.Status, x.Item.OpenedAt, x.Item.ResolvedBy, x.Item.ResolvedAt,
        x.Item.ResolutionNote, x.Item.OverrideId,
        decision = ConvictionRows.Header.Zip(x.Decision.ResultRow).ToDictionary(p => p.First, p => p.Second),
    };

    private static async Task<IResult> ResolveAsync(long determinationId, Resolution body, string? determination, HttpRequest request,
        DeterminationStore store, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Note))
        {
            return Results.Problem("A 'note' saying why is required: reviews are part of the record.", statusCode: 400);
        }
        return await store.ResolveAsync(determinationId, Operators.Of(request), body.Note, determination, ct) switch
        {
            DeterminationStore.ReviewResult.Done => Results.NoContent(),
            DeterminationStore.ReviewResult.NotFound => Results.Problem($"No review item for decision {determinationId}.", statusCode: 404),
            _ => Results.Problem($"Decision {determinationId} has already been reviewed.", statusCode: 409),
        };
    }
}
