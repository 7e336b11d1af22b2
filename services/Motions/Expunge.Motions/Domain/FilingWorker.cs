using Expunge.Contracts;
using Expunge.Motions.Data;
using Expunge.Motions.Documents;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Motions.Domain;

/// <summary>Wakes the filing worker when a request is made.</summary>
public sealed class FilingRequestedSignal : WakeSignal;

/// <summary>
/// Turns filing requests into packages: the request's convictions grouped by court and prosecuting agency, each
/// group's documents generated and stored, <see cref="FilingGenerated"/> staged for notifications, and, for a
/// completed run, <see cref="RunCompleted"/> — all in one transaction, so a worker that dies half-way leaves the
/// request pending and the next one makes the same packages (their ids derive from the request), never twice.
/// </summary>
public sealed class FilingWorker(NpgsqlDataSource db, OutboxSignal outbox, FilingRequestedSignal requested, FilingStore filings, MotionsMetrics metrics,
    TimeProvider clock, ILogger<FilingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessOneAsync(stoppingToken))
                {
                    // more requests may be waiting
                }
                await requested.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Making filing packages failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <returns>Whether a request was handled.</returns>
    public async Task<bool> ProcessOneAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        var request = await FilingStore.ClaimPendingAsync(tx, ct);
        if (request is null) return false;
        using var activity = MessagingTelemetry.Continue("make filing packages", request.TraceParent);
        var rows = await filings.RowsForAsync(tx, request, ct);
        var plans = FilingPlan.Group(rows);
        var date = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        foreach (var plan in plans)
        {
            var packageId = MessageIds.For(request.RequestId, $"motions.package:{plan.Court}|{plan.ProsecutingAgency}", 0);
            var (version, documents) = await filings.StorePackageAsync(tx, packageId, request, plan,
                v => FilingDocuments.Build(plan, new PackageHeading(packageId, v, date, plan.County)), ct);
            tx.Publish(MessageIds.For(packageId, "motions.filing-generated", 0), new FilingGenerated
            {
                PackageId = packageId,
                Version = version,
                RunId = request.RunId,
                Court = plan.Court,
                ProsecutingAgency = plan.ProsecutingAgency,
                EligibleRows = plan.Listed(FilingList.Exhibit).Count,
                Documents = [.. documents.Select(d => new FilingDocument { Name = d.Name, MediaType = d.MediaType, Bytes = d.Bytes, Sha256 = d.Sha256 })],
            });
        }
        await FilingStore.CompleteAsync(tx, request.RequestId, plans.Count, ct);
        if (request is { AnnouncesRun: true, RunId: { } runId })
        {
            tx.Publish(MessageIds.For(runId, RunCompletion.Stage, 0), new RunCompleted
            {
                RunId = runId,
                BatchCount = request.BatchCount ?? 0,
                People = request.People ?? 0,
                AwaitingDecision = await AwaitingDecisions.CountAsync(tx, runId, ct),
                FilingPackages = plans.Count,
            });
        }
        await tx.CommitAsync(ct);
        metrics.Packages.Add(plans.Count);
        metrics.FiledConvictions.Add(plans.Sum(p => p.Listed(FilingList.Exhibit).Count));
        logger.LogInformation("Filing request {RequestId}: {Packages} packages for {Rows} convictions in {Seconds:F1} s",
            request.RequestId, plans.Count, rows.Count, started.Elapsed.TotalSeconds);
        return true;
    }
}
