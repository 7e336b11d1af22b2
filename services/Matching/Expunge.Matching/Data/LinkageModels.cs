using System.Text.Json;
using Dapper;
using Expunge.Linkage;
using Microsoft.Extensions.Logging;
using Expunge.Security;
using Npgsql;

namespace Expunge.Matching.Data;

/// <summary>
/// The linkage model in use: the newest trained on this system's own records, or <see cref="DefaultModel"/> before any
/// run has been linked. Read once per batch from a cache refreshed when a new version is stored.
/// </summary>
public sealed class LinkageModels(NpgsqlDataSource db, FieldCipher cipher) : IDisposable
{
    private (int Version, FellegiSunterModel Model, long TrainedOn)? _current;
    private readonly SemaphoreSlim _training = new(1, 1);

    /// <summary>
    /// The model to link the next batch with, trained first when it is due: the stored records have doubled since the
    /// current model learnt from them (or, before any model, there are enough to learn from). Training happens before
    /// the batch's transaction, once however many consumers ask at the same moment.
    /// </summary>
    public async Task<(int Version, FellegiSunterModel Model)> ForNextBatchAsync(ILogger logger, CancellationToken ct)
    {
        var current = await LatestAsync(ct);
        if (!DueForTraining(current.Version, current.TrainedOn, await StoredRecordsAsync(ct))) return (current.Version, current.Model);
        await _training.WaitAsync(ct);
        try
        {
            current = await LatestAsync(ct);
            var stored = await StoredRecordsAsync(ct);
            if (!DueForTraining(current.Version, current.TrainedOn, stored)) return (current.Version, current.Model);
            var sample = (await SampleAsync(SampleSize, ct)).Select(StandardRecord.Of).ToList();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var model = await Task.Run(() => FellegiSunterModel.Train(sample, Blocking.CandidatePairs(sample)), ct);
            var version = await SaveAsync(model, stored, ct);
            logger.LogInformation("Linkage model {Version} trained on {Records} records in {Seconds:F1} s (prior {Prior:E2})",
                version, sample.Count, clock.Elapsed.TotalSeconds, model.Prior);
            return await CurrentAsync(ct);
        }
        finally
        {
            _training.Release();
        }
    }

    public void Dispose() => _training.Dispose();

    /// <summary>At most this many stored records are learnt from (a spread sample when there are more).</summary>
    public const int SampleSize = 200_000;

    public async Task<(int Version, FellegiSunterModel Model)> CurrentAsync(CancellationToken ct)
    {
        var latest = await LatestAsync(ct);
        return (latest.Version, latest.Model);
    }

    /// <summary>The newest model and how many records were stored when it was trained (its sample may be fewer).</summary>
    private async Task<(int Version, FellegiSunterModel Model, long TrainedOn)> LatestAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var latest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT max(version) FROM matching.linkage_model", cancellationToken: ct));
        if (latest is null) return (0, DefaultModel.For((int)await StoredRecordsAsync(ct)), 0);
        if (_current is { } cached && cached.Version == latest) return cached;
        var (json, trainedOn) = await connection.QuerySingleAsync<(string, long)>(new CommandDefinition(
            "SELECT model::text, record_count FROM matching.linkage_model WHERE version = @latest", new { latest }, cancellationToken: ct));
        var model = JsonSerializer.Deserialize<FellegiSunterModel>(json, JsonSerializerOptions.Web)!;
        // A model learnt before the comparison gained a level cannot score today's pairs: link with the default model,
        // and learn again at once (as if it had been trained on no records).
        _current = model.FitsComparison ? (latest.Value, model, trainedOn) : (latest.Value, DefaultModel.For((int)await StoredRecordsAsync(ct)), 0);
        return _current.Value;
    }

    /// <summary>Before the first model: once there are this many records to learn from.</summary>
    public const int FirstTrainingRecords = 500;

    /// <summary>Due when there are enough records for a first model, or the stored records have doubled since the last
    /// was trained (counted in stored records, not in the sample it learnt from: a capped sample must not make every
    /// batch retrain).</summary>
    public static bool DueForTraining(int version, long trainedOnRecords, long storedRecords) =>
        version == 0 ? storedRecords >= FirstTrainingRecords : storedRecords >= 2L * trainedOnRecords;

    public async Task<long> StoredRecordsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT records FROM matching.link_state WHERE id = 1", cancellationToken: ct));
    }

    /// <summary>Up to <paramref name="limit"/> stored identities, a spread sample when there are more.</summary>
    public async Task<IReadOnlyList<LinkageRecord>> SampleAsync(int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<byte[]>(new CommandDefinition("""
            SELECT identity FROM matching.source_record
            ORDER BY md5(source || '/' || source_record_id) LIMIT @limit
            """, new { limit }, cancellationToken: ct));
        return [.. rows.Select(r => cipher.OpenJson<LinkageRecord>(r, StoredRecordColumns.Identity))];
    }

    public async Task<int> SaveAsync(FellegiSunterModel model, long storedRecords, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "INSERT INTO matching.linkage_model (record_count, model) VALUES (@count, @model::jsonb) RETURNING version",
            new { count = (int)storedRecords, model = JsonSerializer.Serialize(model, JsonSerializerOptions.Web) }, cancellationToken: ct));
    }
}
