using Dapper;
using Expunge.Contracts;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Motions.Data;

public sealed record RunFilingState(Guid RunId, long AwaitingDecision);

public sealed class AwaitingDecisions(NpgsqlDataSource db)
{
    private const string CountSql = "SELECT count(*) FROM motions.awaiting_decision WHERE run_id = @runId";

    public Task RecordAsync(OutboxTransaction tx, ConvictionsDetermined batch, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO motions.awaiting_decision (run_id, person_id)
            SELECT @RunId, person_id FROM unnest(@people::uuid[]) AS p(person_id)
            ON CONFLICT DO NOTHING
            """, new
            {
                batch.RunId,
                people = batch.People.Where(p => p.State == DeterminationState.Pending).Select(p => p.PersonId).ToArray(),
            }, tx.Transaction, cancellationToken: ct));

    public static Task<long> CountAsync(OutboxTransaction tx, Guid runId, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountSql, new { runId }, tx.Transaction, cancellationToken: ct));

    public async Task<RunFilingState> ForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var awaiting = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountSql, new { runId }, cancellationToken: ct));
        return new RunFilingState(runId, awaiting);
    }
}
