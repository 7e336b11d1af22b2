using Expunge.Hosting;
using Expunge.Matching.Data;

namespace Expunge.Matching.Api;

public static class LinkageReviewEndpoints
{
    public sealed record Decision(string? Note);

    public static IEndpointRouteBuilder MapLinkageReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/v1/linkage/review").WithTags("linkage review");
        review.MapGet("/", async (string? status, int? limit, ReviewPairs pairs, CancellationToken ct) =>
            Results.Ok(await pairs.ListAsync(status ?? "open", Math.Clamp(limit ?? 100, 1, 1000), ct))).WithName("GetLinkageReviewQueue");
        review.MapPost("/{pairId:long}/link", (long pairId, Decision body, HttpRequest request, ReviewPairs pairs, CancellationToken ct) =>
            DecideAsync(pairId, true, body, request, pairs, ct)).WithName("LinkReviewPair");
        review.MapPost("/{pairId:long}/split", (long pairId, Decision body, HttpRequest request, ReviewPairs pairs, CancellationToken ct) =>
            DecideAsync(pairId, false, body, request, pairs, ct)).WithName("SplitReviewPair");
        return app;
    }

    private static async Task<IResult> DecideAsync(long pairId, bool link, Decision body, HttpRequest request, ReviewPairs pairs, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Note))
        {
            return Results.Problem("A 'note' saying why is required: who is who is part of the record.", statusCode: 400);
        }
        var (outcome, runId) = await pairs.DecideAsync(pairId, link, Operators.Of(request), body.Note, ct);
        return outcome switch
        {
            ReviewPairs.Outcome.Done => Results.Ok(new { pairId, decision = link ? "linked" : "split", correctionRunId = runId }),
            ReviewPairs.Outcome.NotFound => Results.Problem($"No linkage review pair {pairId}.", statusCode: 404),
            _ => Results.Problem($"Pair {pairId} has already been decided.", statusCode: 409),
        };
    }
}
