using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Expunge.Hosting;

/// <summary>
/// What the alert rules watch in every pipeline service's own database, as gauges (<c>expunge.&lt;service&gt;.*</c>):
/// runs this stage has started and not finished, how long the stalest of them has not moved (a stalled run), and
/// outbox messages not yet published (a relay that cannot reach the broker). Read every 15 s by a background loop,
/// never inside a scrape, so a slow database cannot make /metrics slow.
/// </summary>
public sealed class PipelineGauges : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);
    private readonly NpgsqlDataSource _db;
    private readonly ILogger<PipelineGauges> _logger;
    private Snapshot _latest = new(0, 0, 0, 0);

    private sealed record Snapshot(long RunsUnfinished, double RunIdleSeconds, long OutboxPending, double OutboxOldestSeconds);

    public PipelineGauges(NpgsqlDataSource db, ExpungeTelemetry telemetry, ILogger<PipelineGauges> logger)
    {
        (_db, _logger) = (db, logger);
        var prefix = $"expunge.{telemetry.Service}";
        telemetry.Meter.CreateObservableGauge($"{prefix}.runs_unfinished", () => _latest.RunsUnfinished,
            description: "Runs this stage has seen batches of and not yet finished");
        telemetry.Meter.CreateObservableGauge($"{prefix}.run_idle_seconds", () => _latest.RunIdleSeconds, unit: "s",
            description: "Seconds since the stalest unfinished run last moved at this stage (0 when none)");
        telemetry.Meter.CreateObservableGauge($"{prefix}.outbox_pending", () => _latest.OutboxPending,
            description: "Messages written to the outbox and not yet confirmed by the broker");
        telemetry.Meter.CreateObservableGauge($"{prefix}.outbox_oldest_seconds", () => _latest.OutboxOldestSeconds, unit: "s",
            description: "Age of the oldest unpublished outbox message (0 when none)");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await using var connection = await _db.OpenConnectionAsync(stoppingToken);
                _latest = await connection.QuerySingleAsync<Snapshot>(new CommandDefinition("""
                    SELECT (SELECT count(*) FROM messaging.run_stage WHERE completed_at IS NULL) AS RunsUnfinished,
                           coalesce((SELECT extract(epoch FROM now() - min(updated_at)) FROM messaging.run_stage WHERE completed_at IS NULL), 0)::float8 AS RunIdleSeconds,
                           (SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL) AS OutboxPending,
                           coalesce((SELECT extract(epoch FROM now() - min(created_at)) FROM messaging.outbox WHERE sent_at IS NULL), 0)::float8 AS OutboxOldestSeconds
                    """, cancellationToken: stoppingToken));
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The gauges keep their last values; the database's own health check reports it down.
                _logger.LogWarning("Pipeline gauges could not be read: {Error}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
