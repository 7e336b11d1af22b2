using System.Text.Json;
using Dapper;
using Expunge.Linkage;
using Npgsql;

namespace Expunge.Matching.Data;

/// <summary>
/// The linkage model in use: the newest trained on this system's own records, or <see cref="DefaultModel"/> before any
/// run has been linked. Read once per batch from a cache refreshed when a new version is stored.
/// </summary>
public sealed class LinkageModels(NpgsqlDataSource db)
{
    private (int Version, FellegiSunterModel Model)? _current;

    public async Task<(int Version, FellegiSunterModel Model)> CurrentAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var latest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT max(version) FROM matching.linkage_model", cancellationToken: ct));
        if (latest is null) return (0, DefaultModel.For(await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM matching.source_record", cancellationToken: ct))));
        if (_current is { } cached && cached.Version == latest) return cached;
        var json = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT model::text FROM matching.linkage_model WHERE version = @latest", new { latest }, cancellationToken: ct));
        var model = JsonSerializer.Deserialize<FellegiSunterModel>(json!, JsonSerializerOptions.Web)!;
        _current = (latest.Value, model);
        return _current.Value;
    }

    /// <summary>Before the first model: once there are this many records to learn from.</summary>
    public const int FirstTrainingRecords = 500;

    public static bool DueForTraining(int version, FellegiSunterModel model, long storedRecords) =>
        version == 0 ? storedRecords >= FirstTrainingRecords : storedRecords >= 2L * model.RecordCount;

    public async Task<long> StoredRecordsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // The planner's estimate is enough to tell a doubling, and costs nothing on a large table.
        var estimate = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'matching.source_record'::regclass", cancellationToken: ct));
        return estimate > 10_000 ? estimate
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM matching.source_record", cancellationToken: ct));
    }

    /// <summary>Up to <paramref name="limit"/> stored identities, a spread sample when there are more.</summary>
    public async Task<IReadOnlyList<LinkageRecord>> SampleAsync(int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT identity::text FROM matching.source_record
            ORDER BY md5(source || '/' || source_record_id) LIMIT @limit
            """, new { limit }, cancellationToken: ct));
        return [.. rows.Select(r => JsonSerializer.Deserialize<LinkageRecord>(r, JsonSerializerOptions.Web)!)];
    }

    public async Task<int> SaveAsync(FellegiSunterModel model, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "INSERT INTO matching.linkage_model (record_count, model) VALUES (@count, @model::jsonb) RETURNING version",
            new { count = model.RecordCount, model = JsonSerializer.Serialize(model, JsonSerializerOptions.Web) }, cancellationToken: ct));
    }
}
