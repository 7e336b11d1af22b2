using Dapper;
using Expunge.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Expunge.Persistence;

/// <summary>One source's report of a sealed conviction, as <c>sealing.sealed_report</c> keeps it.</summary>
public sealed record SealedReport(ConvictionReport Report, string ConvictionSource, string ConvictionRecordId, string ConvictionCntOrder, Guid PersonId);

/// <summary>
/// The sealed convictions a service knows of (<c>sealing.sealed_report</c>, in its own database): recorded when
/// <see cref="ConvictionsSealed"/> arrives (motions records its own in the transaction that grants them), read by the
/// queries that leave sealed convictions out, and worked off by <see cref="SealPurgeWorker"/> after the hold.
/// </summary>
public static class SealedConvictions
{
    /// <summary>A SQL condition: the conviction named by the given columns is sealed (for <c>NOT EXISTS</c>-style filters).</summary>
    public static string IsSealed(string source, string recordId, string cntOrder) => $"""
        EXISTS (SELECT 1 FROM sealing.sealed_report s
                WHERE s.conviction_source = {source} AND s.conviction_record_id = {recordId} AND s.conviction_cnt_order = {cntOrder})
        """;

    /// <summary>Every report of the message's convictions; the conviction's own key is always one (a filing made before
    /// filings listed their reports names only the key).</summary>
    public static Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ConvictionsSealed sealedBatch, CancellationToken ct)
    {
        var rows = sealedBatch.Convictions.SelectMany(c => c.Reports
                .Append(new ConvictionReport { Source = c.Source, SourceRecordId = c.SourceRecordId, Reference = c.CntOrder })
                .DistinctBy(r => (r.Source, r.SourceRecordId, r.Reference))
                .Select(r => (Report: r, Conviction: c)))
            .DistinctBy(x => (x.Report.Source, x.Report.SourceRecordId, x.Report.Reference)).ToList();
        return connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sealing.sealed_report (source, source_record_id, reference, conviction_source, conviction_record_id, conviction_cnt_order,
                person_id, package_id, sealed_at, purge_after)
            SELECT s, i, r, cs, ci, cc, p, @PackageId, @SealedAt, @PurgeAfter
            FROM unnest(@sources::text[], @ids::text[], @references::text[], @convictionSources::text[], @convictionIds::text[], @counts::text[], @people::uuid[])
                 AS t(s, i, r, cs, ci, cc, p)
            ON CONFLICT DO NOTHING
            """, new
            {
                sealedBatch.PackageId,
                sealedBatch.SealedAt,
                sealedBatch.PurgeAfter,
                sources = rows.Select(x => x.Report.Source).ToArray(),
                ids = rows.Select(x => x.Report.SourceRecordId).ToArray(),
                references = rows.Select(x => x.Report.Reference).ToArray(),
                convictionSources = rows.Select(x => x.Conviction.Source).ToArray(),
                convictionIds = rows.Select(x => x.Conviction.SourceRecordId).ToArray(),
                counts = rows.Select(x => x.Conviction.CntOrder).ToArray(),
                people = rows.Select(x => x.Conviction.PersonId).ToArray(),
            }, tx, cancellationToken: ct));
    }

    /// <summary>The sealed reports about any of these source records.</summary>
    public static async Task<IReadOnlyList<ConvictionReport>> ReportsOfAsync(NpgsqlConnection connection, NpgsqlTransaction? tx,
        IReadOnlyCollection<(string Source, string SourceRecordId)> records, CancellationToken ct)
    {
        if (records.Count == 0) return [];
        return [.. await connection.QueryAsync<ConvictionReport>(new CommandDefinition("""
            SELECT s.source, s.source_record_id AS SourceRecordId, s.reference FROM sealing.sealed_report s
            JOIN unnest(@sources::text[], @ids::text[]) AS r(source, id) ON s.source = r.source AND s.source_record_id = r.id
            """, new { sources = records.Select(r => r.Source).ToArray(), ids = records.Select(r => r.SourceRecordId).ToArray() }, tx, cancellationToken: ct))];
    }

    /// <summary>Every sealed report this service knows of (a county's grants: small rows, held for one what-if).</summary>
    public static async Task<IReadOnlyList<ConvictionReport>> AllReportsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        [.. await connection.QueryAsync<ConvictionReport>(new CommandDefinition(
            "SELECT source, source_record_id AS SourceRecordId, reference FROM sealing.sealed_report", cancellationToken: ct))];

    /// <summary>Reports whose hold is over and whose working copies this service has not purged yet, locked for this transaction.</summary>
    public static async Task<IReadOnlyList<SealedReport>> DueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int limit, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Source, string SourceRecordId, string Reference, string ConvictionSource, string ConvictionRecordId,
            string ConvictionCntOrder, Guid PersonId)>(new CommandDefinition("""
            SELECT source, source_record_id, reference, conviction_source, conviction_record_id, conviction_cnt_order, person_id
            FROM sealing.sealed_report WHERE purged_at IS NULL AND purge_after <= now()
            ORDER BY purge_after LIMIT @limit FOR UPDATE SKIP LOCKED
            """, new { limit }, tx, cancellationToken: ct));
        return [.. rows.Select(r => new SealedReport(new ConvictionReport { Source = r.Source, SourceRecordId = r.SourceRecordId, Reference = r.Reference },
            r.ConvictionSource, r.ConvictionRecordId, r.ConvictionCntOrder, r.PersonId))];
    }

    public static Task MarkPurgedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<SealedReport> reports, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sealing.sealed_report s SET purged_at = now()
            FROM unnest(@sources::text[], @ids::text[], @references::text[]) AS r(source, id, reference)
            WHERE s.source = r.source AND s.source_record_id = r.id AND s.reference = r.reference
            """, new
            {
                sources = reports.Select(r => r.Report.Source).ToArray(),
                ids = reports.Select(r => r.Report.SourceRecordId).ToArray(),
                references = reports.Select(r => r.Report.Reference).ToArray(),
            }, tx, cancellationToken: ct));
}

/// <summary>What one service deletes of a sealed conviction once the hold is over: its working copies of the rows.</summary>
public interface ISealPurge
{
    /// <summary>Inside the transaction that marks the reports purged: all of it happens, or none.</summary>
    Task PurgeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<SealedReport> due, CancellationToken ct);
}

/// <summary>How often a service looks for sealed convictions whose hold is over (<c>EXPUNGE_SEAL_PURGE_INTERVAL_SECONDS</c>).</summary>
public sealed record SealPurgeSettings(TimeSpan Interval)
{
    public static SealPurgeSettings From(IConfiguration? configuration) =>
        new(TimeSpan.FromSeconds(double.TryParse(configuration?["EXPUNGE_SEAL_PURGE_INTERVAL_SECONDS"], System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 300));
}

/// <summary>Purges the working copies of sealed convictions whose hold is over, a batch at a time, in this service's database.</summary>
public sealed class SealPurgeWorker(NpgsqlDataSource db, ISealPurge purge, SealPurgeSettings settings, ILogger<SealPurgeWorker> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PurgeDueAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Purging sealed convictions failed; retrying");
            }
            await Task.Delay(settings.Interval, stoppingToken);
        }
    }

    /// <returns>How many reports were purged.</returns>
    public async Task<int> PurgeDueAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var due = await SealedConvictions.DueAsync(connection, tx, BatchSize, ct);
        if (due.Count == 0) return 0;
        await purge.PurgeAsync(connection, tx, due, ct);
        await SealedConvictions.MarkPurgedAsync(connection, tx, due, ct);
        await tx.CommitAsync(ct);
        // A count only: which convictions were sealed is itself sealed information.
        logger.LogInformation("Purged the working copies of {Reports} sealed conviction reports", due.Count);
        return due.Count;
    }
}

public static class SealingRegistration
{
    /// <summary>The purge of this service's working copies, run after each sealed conviction's hold.</summary>
    public static IServiceCollection AddSealPurge<TPurge>(this IServiceCollection services) where TPurge : class, ISealPurge
    {
        services.AddSingleton<ISealPurge, TPurge>();
        services.AddSingleton(sp => SealPurgeSettings.From(sp.GetService<IConfiguration>()));
        services.AddSingleton<SealPurgeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SealPurgeWorker>());
        return services;
    }
}
