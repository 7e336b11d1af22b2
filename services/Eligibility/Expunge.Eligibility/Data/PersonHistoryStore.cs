using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.Eligibility.Domain;
using Expunge.EligibilityRules;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Eligibility.Data;

public sealed record RunDeterminations(Guid RunId, long People, long Pending, long Decided);

public sealed record RunImpact(string? RunPolicy, long People, long Subjects, long PolicyNoFelonyLeft, long PolicyNoConvictionLeft,
    long PolicyNoRecentLeft, long AllNoFelonyLeft, long AllNoConvictionLeft, long AllNoRecentLeft);

public sealed class PersonHistoryStore(NpgsqlDataSource db, FieldCipher cipher)
{
    /// <summary>A person's whole history, names and dates of birth included: stored encrypted (Expunge.Security.FieldCipher).</summary>
    public const string HistoryColumn = "eligibility.person_history.history";

    /// <summary>Stores the batch's people; a person merged into another no longer counts in any run's impact.</summary>
    public Task StoreAsync(OutboxTransaction tx, PersonHistoriesMatched batch, IReadOnlyList<PersonOutcome> outcomes, Policy? runPolicy, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM eligibility.person_history WHERE person_id = ANY(@replaced);
            INSERT INTO eligibility.person_history (person_id, run_id, sequence, history, state, subjects,
                policy_no_felony_left, policy_no_conviction_left, policy_no_recent_left, all_no_felony_left, all_no_conviction_left, all_no_recent_left,
                run_policy, run_policy_version)
            SELECT person_id, @RunId, @Sequence, history, state, subjects, pf, pc, pr, af, ac, ar, @runPolicyJson, @runPolicyVersion
            FROM unnest(@people::uuid[], @histories::bytea[], @states::text[], @subjects::int[], @pf::bool[], @pc::bool[], @pr::bool[],
                        @af::bool[], @ac::bool[], @ar::bool[])
                 AS h(person_id, history, state, subjects, pf, pc, pr, af, ac, ar)
            ON CONFLICT (run_id, person_id) DO UPDATE SET history = EXCLUDED.history, sequence = EXCLUDED.sequence, received_at = now()
            """, new
            {
                batch.RunId,
                batch.Sequence,
                people = batch.People.Select(p => p.PersonId).ToArray(),
                histories = batch.People.Select(p => cipher.SealJson(p, HistoryColumn)).ToArray(),
                states = outcomes.Select(o => o.Decided ? "decided" : "pending").ToArray(),
                subjects = outcomes.Select(o => o.Subjects).ToArray(),
                pf = outcomes.Select(o => o.Impact.PolicyNoFelonyLeft).ToArray(),
                pc = outcomes.Select(o => o.Impact.PolicyNoConvictionLeft).ToArray(),
                pr = outcomes.Select(o => o.Impact.PolicyNoRecentLeft).ToArray(),
                af = outcomes.Select(o => o.Impact.AllNoFelonyLeft).ToArray(),
                ac = outcomes.Select(o => o.Impact.AllNoConvictionLeft).ToArray(),
                ar = outcomes.Select(o => o.Impact.AllNoRecentLeft).ToArray(),
                runPolicyJson = batch.RunPolicy,
                replaced = outcomes.SelectMany(o => o.Replaces).ToArray(),
                runPolicyVersion = runPolicy?.Version,
            }, tx.Transaction, cancellationToken: ct));

    /// <summary>The run's policy (as submitted) and its impact numbers, summed over the run's people.</summary>
    public async Task<RunImpact> ImpactAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<RunImpact>(new CommandDefinition("""
            SELECT max(run_policy) AS RunPolicy, count(*) AS People, coalesce(sum(subjects), 0) AS Subjects,
                   count(*) FILTER (WHERE policy_no_felony_left) AS PolicyNoFelonyLeft,
                   count(*) FILTER (WHERE policy_no_conviction_left) AS PolicyNoConvictionLeft,
                   count(*) FILTER (WHERE policy_no_recent_left) AS PolicyNoRecentLeft,
                   count(*) FILTER (WHERE all_no_felony_left) AS AllNoFelonyLeft,
                   count(*) FILTER (WHERE all_no_conviction_left) AS AllNoConvictionLeft,
                   count(*) FILTER (WHERE all_no_recent_left) AS AllNoRecentLeft
            FROM eligibility.person_history WHERE run_id = @runId
            """, new { runId }, cancellationToken: ct));
    }

    public async Task<RunDeterminations> ForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<RunDeterminations>(new CommandDefinition("""
            SELECT @runId AS RunId, count(*) AS People,
                   count(*) FILTER (WHERE state = 'pending') AS Pending, count(*) FILTER (WHERE state = 'decided') AS Decided
            FROM eligibility.person_history WHERE run_id = @runId
            """, new { runId }, cancellationToken: ct));
    }

    /// <summary>The run's people as matching sent them, one at a time (a county's run does not fit in a list).</summary>
    public async IAsyncEnumerable<PersonHistory> HistoriesOfRunAsync(Guid runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await foreach (var stored in connection.QueryUnbufferedAsync<byte[]>(
            "SELECT history FROM eligibility.person_history WHERE run_id = @runId ORDER BY person_id", new { runId }).WithCancellation(ct))
        {
            yield return cipher.OpenJson<PersonHistory>(stored, HistoryColumn);
        }
    }

    /// <summary>Every sealed report this service knows of (a county's grants: small rows, held for one what-if).</summary>
    public async Task<IReadOnlyList<ConvictionReport>> SealedReportsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await SealedConvictions.AllReportsAsync(connection, ct);
    }

    /// <summary>A person's history as last received (from whichever run), or null.</summary>
    public async Task<(Guid RunId, PersonHistory History)?> LatestOfPersonAsync(Guid personId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid RunId, byte[] History)?>(new CommandDefinition("""
            SELECT run_id, history FROM eligibility.person_history WHERE person_id = @personId ORDER BY received_at DESC LIMIT 1
            """, new { personId }, cancellationToken: ct));
        return row is { } r ? (r.RunId, cipher.OpenJson<PersonHistory>(r.History, HistoryColumn)) : null;
    }
}
