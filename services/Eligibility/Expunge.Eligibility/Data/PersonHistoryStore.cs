using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Eligibility.Data;

public sealed record RunDeterminations(Guid RunId, long People, long Pending, long Decided);

public sealed class PersonHistoryStore(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task StoreAsync(OutboxTransaction tx, PersonHistoriesMatched batch, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO eligibility.person_history (person_id, run_id, sequence, history)
            SELECT person_id, @RunId, @Sequence, history::jsonb
            FROM unnest(@people::uuid[], @histories::text[]) AS h(person_id, history)
            ON CONFLICT (run_id, person_id) DO UPDATE SET history = EXCLUDED.history, sequence = EXCLUDED.sequence, received_at = now()
            """, new
            {
                batch.RunId,
                batch.Sequence,
                people = batch.People.Select(p => p.PersonId).ToArray(),
                histories = batch.People.Select(p => JsonSerializer.Serialize(p, Json)).ToArray(),
            }, tx.Transaction, cancellationToken: ct));

    public async Task<RunDeterminations> ForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<RunDeterminations>(new CommandDefinition("""
            SELECT @runId AS RunId, count(*) AS People,
                   count(*) FILTER (WHERE state = 'pending') AS Pending, count(*) FILTER (WHERE state = 'decided') AS Decided
            FROM eligibility.person_history WHERE run_id = @runId
            """, new { runId }, cancellationToken: ct));
    }
}
