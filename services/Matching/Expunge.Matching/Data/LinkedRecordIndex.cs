using System.Text.Json;
using Dapper;
using Expunge.CountyRecords;
using Expunge.Linkage;
using Expunge.Security;
using Npgsql;

namespace Expunge.Matching.Data;

/// <summary>What one committed linking transaction changed, to apply to the index: merges first, then every record's person.</summary>
public sealed record IndexChange(long Version, IReadOnlyList<PersonMerge> Merges, IReadOnlyList<(StandardRecord Record, Guid Person)> Records);

/// <summary>
/// This process's <see cref="CandidateIndex"/>: every linked record by its blocking keys, loaded from the database
/// at the first batch and kept as a cache of it. The database stays the truth: each linking transaction takes the
/// next link version under the link_state row's lock, and an index behind that version (another instance linked,
/// an operator split a person, a commit whose change was never applied here) first reads the links stamped since.
/// </summary>
public sealed class LinkedRecordIndex(ILogger<LinkedRecordIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CandidateIndex _index = new();
    private bool _loaded;

    /// <summary>One batch of this process at a time, from taking the lock until its change is applied.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Exit(_gate);
    }

    /// <summary>Takes the linking lock and the next version (inside the caller's transaction); returns the index caught
    /// up with every version before it.</summary>
    public async Task<(CandidateIndex Index, long Version)> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, FieldCipher cipher, CancellationToken ct)
    {
        var version = await TakeNextVersionAsync(connection, tx, ct);
        if (!_loaded || _index.Version < version - 1)
        {
            await CatchUpAsync(connection, tx, cipher, _loaded ? _index.Version : long.MinValue, ct);
            _loaded = true;
        }
        _index.Advance(version - 1);
        return (_index, version);
    }

    /// <summary>The link_state row is the lock every change to who is who takes (linking and operator decisions).</summary>
    public static Task<long> TakeNextVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE matching.link_state SET version = version + 1 WHERE id = 1 RETURNING version", transaction: tx, cancellationToken: ct));

    /// <summary>After the transaction that made <paramref name="change"/> committed.</summary>
    public void Apply(IndexChange change)
    {
        if (change.Version != _index.Version + 1) return; // another change came between: the next batch catches up instead
        foreach (var merge in change.Merges) _index.Merge(merge.Absorbed, merge.Kept);
        foreach (var (record, person) in change.Records) _index.Set(record, person);
        _index.Advance(change.Version);
    }

    private async Task CatchUpAsync(NpgsqlConnection connection, NpgsqlTransaction tx, FieldCipher cipher, long after, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = (await connection.QueryAsync<(byte[] Identity, Guid PersonId)>(new CommandDefinition("""
            SELECT r.identity, l.person_id
            FROM matching.source_link l JOIN matching.source_record r USING (source, source_record_id)
            WHERE l.link_version > @after
            """, new { after }, tx, cancellationToken: ct))).ToList();
        // Decrypting and standardising are the cost of a first load (every stored record): on every core.
        var records = new StandardRecord[rows.Count];
        Parallel.For(0, rows.Count, i => records[i] = StandardRecord.Of(cipher.OpenJson<LinkageRecord>(rows[i].Identity, StoredRecordColumns.Identity)));
        for (var i = 0; i < records.Length; i++) _index.Set(records[i], rows[i].PersonId);
        if (rows.Count > 1000)
        {
            logger.LogInformation("Linkage index: {Changed} records read in {Seconds:F1} s; {Records} records of {People} people indexed",
                rows.Count, clock.Elapsed.TotalSeconds, _index.Count, _index.People);
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
