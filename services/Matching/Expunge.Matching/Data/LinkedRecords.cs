using System.Text.Json;
using Dapper;
using Expunge.CountyRecords;
using Expunge.Linkage;
using Npgsql;
using NpgsqlTypes;

namespace Expunge.Matching.Data;

/// <summary>
/// The linked records a batch is compared with, read from the database by blocking key (<c>matching.blocking_key</c>),
/// so that memory does not grow with the county and every instance sees the same truth: the records and links
/// committed before this batch took the link_state row lock, and this batch's own writes.
/// </summary>
public sealed class LinkedRecords(ILogger<LinkedRecords> logger) : IDisposable
{
    /// <summary>Blocks are capped (<see cref="Blocking.CapOf"/>): a block is read only while it has at most its cap.</summary>
    private const string CandidatesSql = """
        WITH wanted AS (SELECT * FROM unnest(@hashes::bigint[], @caps::int[]) AS w(hash, cap)),
        open_block AS (
            SELECT w.hash FROM wanted w
            WHERE (SELECT count(*) FROM (SELECT 1 FROM matching.blocking_key k WHERE k.hash = w.hash LIMIT w.cap + 1) b) <= w.cap),
        found AS (SELECT DISTINCT k.source, k.source_record_id FROM matching.blocking_key k JOIN open_block USING (hash))
        SELECT r.identity::text AS Identity, l.person_id AS PersonId
        FROM found JOIN matching.source_record r USING (source, source_record_id) JOIN matching.source_link l USING (source, source_record_id)
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>One batch of this process at a time: a second would only wait for the row lock holding a connection.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Exit(_gate);
    }

    /// <summary>Takes the linking lock and the next link version inside the caller's transaction; files the keys of
    /// records linked before keys were stored (once, after an upgrade).</summary>
    public async Task<long> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var version = await TakeNextVersionAsync(connection, tx, ct);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT keys_filed FROM matching.link_state WHERE id = 1", transaction: tx, cancellationToken: ct)))
        {
            await FileEveryRecordAsync(connection, tx, ct);
        }
        return version;
    }

    /// <summary>The link_state row is the lock every change to who is who takes (linking and operator decisions).</summary>
    public static Task<long> TakeNextVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE matching.link_state SET version = version + 1 WHERE id = 1 RETURNING version", transaction: tx, cancellationToken: ct));

    /// <summary>The person each of these records is linked to, for those already linked (a record sent again).</summary>
    public static async Task<Dictionary<string, Guid>> PeopleOfAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<LinkageRecord> records,
        CancellationToken ct)
    {
        var keys = records.Select(r => SourceIdentities.FromKey(r.Id)).ToList();
        var rows = await connection.QueryAsync<(string Source, string Id, Guid PersonId)>(new CommandDefinition("""
            SELECT l.source, l.source_record_id, l.person_id
            FROM unnest(@sources::text[], @ids::text[]) AS i(source, id)
            JOIN matching.source_link l ON l.source = i.source AND l.source_record_id = i.id
            """, new { sources = keys.Select(k => k.Source).ToArray(), ids = keys.Select(k => k.Id).ToArray() }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => SourceIdentities.Key(r.Source, r.Id), r => r.PersonId, StringComparer.Ordinal);
    }

    /// <summary>Linked records sharing a blocking key with any incoming record, with their people now.</summary>
    public static async Task<IReadOnlyList<KnownRecord>> CandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<StandardRecord> incoming,
        CancellationToken ct)
    {
        var wanted = new Dictionary<ulong, int>();
        foreach (var record in incoming)
        {
            foreach (var (hash, cap) in record.BlockingKeys) wanted[hash] = cap;
        }
        var rows = (await connection.QueryAsync<(string Identity, Guid PersonId)>(new CommandDefinition(CandidatesSql, new
        {
            hashes = wanted.Keys.Select(h => unchecked((long)h)).ToArray(),
            caps = wanted.Values.ToArray(),
        }, tx, cancellationToken: ct))).ToList();
        // Standardising a few thousand stored identities is most of this: on every core.
        var known = new KnownRecord[rows.Count];
        Parallel.For(0, rows.Count, i => known[i] = new KnownRecord(Standardise(rows[i].Identity), rows[i].PersonId));
        return known;
    }

    /// <summary>Files records under their blocking keys, replacing the keys they had (a record sent again).</summary>
    public static async Task FileAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<StandardRecord> records, bool replacing, CancellationToken ct)
    {
        if (records.Count == 0) return;
        if (replacing)
        {
            var ids = records.Select(r => SourceIdentities.FromKey(r.Id)).ToList();
            await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM matching.blocking_key k USING unnest(@sources::text[], @ids::text[]) AS i(source, id)
                WHERE k.source = i.source AND k.source_record_id = i.id
                """, new { sources = ids.Select(i => i.Source).ToArray(), ids = ids.Select(i => i.Id).ToArray() }, tx, cancellationToken: ct));
        }
        await CopyKeysAsync(connection, records, ct);
    }

    private static async Task CopyKeysAsync(NpgsqlConnection connection, IEnumerable<StandardRecord> records, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY matching.blocking_key (hash, source, source_record_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var record in records)
        {
            var (source, id) = SourceIdentities.FromKey(record.Id);
            foreach (var (hash, _) in record.BlockingKeys)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(unchecked((long)hash), NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(source, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(id, NpgsqlDbType.Text, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Every stored record's keys, from its stored identity, in chunks (a county's records do not fit in memory
    /// as standardised records).</summary>
    private async Task FileEveryRecordAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await connection.ExecuteAsync(new CommandDefinition("TRUNCATE matching.blocking_key", transaction: tx, cancellationToken: ct));
        const int Chunk = 20_000;
        var (after, filed) = ((Source: "", Id: ""), 0L);
        while (true)
        {
            var identities = (await connection.QueryAsync<(string Source, string Id, string Identity)>(new CommandDefinition("""
                SELECT source, source_record_id, identity::text FROM matching.source_record
                WHERE (source, source_record_id) > (@source, @id) ORDER BY source, source_record_id LIMIT @Chunk
                """, new { source = after.Source, id = after.Id, Chunk }, tx, cancellationToken: ct))).ToList();
            if (identities.Count == 0) break;
            var records = new StandardRecord[identities.Count];
            Parallel.For(0, records.Length, i => records[i] = Standardise(identities[i].Identity));
            await CopyKeysAsync(connection, records, ct);
            after = (identities[^1].Source, identities[^1].Id);
            filed += records.Length;
        }
        await connection.ExecuteAsync(new CommandDefinition("UPDATE matching.link_state SET keys_filed = true WHERE id = 1", transaction: tx, cancellationToken: ct));
        logger.LogInformation("Blocking keys filed for {Records} stored records in {Seconds:F1} s", filed, clock.Elapsed.TotalSeconds);
    }

    private static StandardRecord Standardise(string identity) =>
        StandardRecord.Of(JsonSerializer.Deserialize<LinkageRecord>(identity, JsonSerializerOptions.Web)!);

    public void Dispose() => _gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
