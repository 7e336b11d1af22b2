using Dapper;
using Expunge.Contracts;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Matching.Data;

public sealed record SourceLink(string Source, string SourceRecordId, Guid PersonId);

public sealed class PersonLinks(NpgsqlDataSource db)
{
    /// <summary>
    /// Links every record of a batch to a person in two set-based statements: records never seen get a new person,
    /// known ones keep theirs. The link is inserted first and the person after it (the foreign key is deferred), so
    /// two batches racing on one new record leave one link and no orphan person.
    /// </summary>
    public async Task<IReadOnlyList<SourceLink>> LinkAsync(OutboxTransaction tx, Guid runId, IReadOnlyList<SourceRecord> records, CancellationToken ct)
    {
        var sources = records.Select(r => r.Source).ToArray();
        var ids = records.Select(r => r.SourceRecordId).ToArray();
        var candidates = records.Select(_ => Guid.CreateVersion7()).ToArray();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            WITH linked AS (
                INSERT INTO matching.source_link (source, source_record_id, person_id, first_run_id)
                SELECT source, source_record_id, candidate, @runId
                FROM unnest(@sources::text[], @ids::text[], @candidates::uuid[]) AS i(source, source_record_id, candidate)
                ON CONFLICT (source, source_record_id) DO NOTHING
                RETURNING person_id
            )
            INSERT INTO matching.person (person_id, created_run_id) SELECT person_id, @runId FROM linked
            """, new { runId, sources, ids, candidates }, tx.Transaction, cancellationToken: ct));
        return [.. await tx.Connection.QueryAsync<SourceLink>(new CommandDefinition("""
            WITH linked AS (
                SELECT l.source, l.source_record_id, l.person_id
                FROM matching.source_link l
                JOIN unnest(@sources::text[], @ids::text[]) AS i(source, source_record_id) USING (source, source_record_id)
            ), recorded AS (
                INSERT INTO matching.run_link (run_id, source, source_record_id, person_id)
                SELECT @runId, source, source_record_id, person_id FROM linked
                ON CONFLICT DO NOTHING
            )
            SELECT source, source_record_id AS SourceRecordId, person_id AS PersonId FROM linked
            """, new { runId, sources, ids }, tx.Transaction, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<SourceLink>> ForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<SourceLink>(new CommandDefinition("""
            SELECT source, source_record_id AS SourceRecordId, person_id AS PersonId
            FROM matching.run_link WHERE run_id = @runId ORDER BY source, source_record_id
            """, new { runId }, cancellationToken: ct))];
    }
}
