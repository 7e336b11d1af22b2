using Expunge.Contracts;
using Expunge.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Expunge.Hosting;

/// <summary>What a stage does when it has processed every batch of a run (motions announces the run's end).</summary>
public interface IRunStageCompletion
{
    Task OnStageCompletedAsync(OutboxTransaction tx, StageProgress progress, CancellationToken ct);
}

/// <summary>Every stage learns a run's batch count from ingestion; with it the stage knows when it has seen the whole run.</summary>
public sealed class RunIngestedConsumer(Inbox inbox, RunProgress progress, IServiceProvider services) : IConsumer<RunIngested>
{
    public Task Consume(ConsumeContext<RunIngested> context) =>
        inbox.ConsumeOnceAsync(nameof(RunIngestedConsumer), context.MessageId, async tx =>
        {
            var update = await progress.RecordExpectedBatchesAsync(tx, context.Message.RunId, context.Message.BatchCount, context.CancellationToken);
            await RunStages.CompleteIfDoneAsync(tx, update, services, context.CancellationToken);
        }, context.CancellationToken);
}

public sealed class RunIngestedConsumerDefinition : StageConsumerDefinition<RunIngestedConsumer>;

public static class RunStages
{
    /// <summary>Records one processed batch and, when it was the run's last, lets the stage react in the same transaction.</summary>
    public static async Task<StageUpdate> RecordBatchAsync(this RunProgress progress, OutboxTransaction tx, IRunBatch batch,
        long items, IServiceProvider services, CancellationToken ct)
    {
        var update = await progress.RecordBatchAsync(tx, batch.RunId, items, ct);
        await CompleteIfDoneAsync(tx, update, services, ct);
        return update;
    }

    internal static async Task CompleteIfDoneAsync(OutboxTransaction tx, StageUpdate update, IServiceProvider services, CancellationToken ct)
    {
        if (update.JustCompleted && services.GetService<IRunStageCompletion>() is { } completion)
        {
            await completion.OnStageCompletedAsync(tx, update.Progress, ct);
        }
    }

    public static IEndpointRouteBuilder MapRunProgress(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/runs/{runId:guid}/progress", async (Guid runId, NpgsqlDataSource db, ExpungeTelemetry telemetry, CancellationToken ct) =>
        {
            var p = await RunProgress.FindAsync(db, runId, ct);
            return Results.Ok(new
            {
                stage = telemetry.Service,
                runId,
                expectedBatches = p?.ExpectedBatches,
                processedBatches = p?.ProcessedBatches ?? 0,
                items = p?.Items ?? 0,
                complete = p?.IsComplete ?? false,
                startedAt = p?.StartedAt,
                updatedAt = p?.UpdatedAt,
                completedAt = p?.CompletedAt,
            });
        }).WithName("GetRunProgress").WithTags("runs").RequireAuthorization(Access.Submit).WithMetadata(new NotAudited());
        return app;
    }
}
