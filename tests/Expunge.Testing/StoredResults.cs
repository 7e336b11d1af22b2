using System.Text.Json;
using Dapper;
using Npgsql;

namespace Expunge.Testing;

/// <summary>
/// What one run left in every service's database, read straight from the databases, in a form two runs of the same
/// input can be compared by (run ids differ; person ids must not: they are stable per source record).
/// </summary>
public sealed record StoredResults(
    long RowsRead,
    long RowsRejected,
    long Records,
    int Batches,
    string Links,
    long People,
    string EligibilityPeople,
    string AwaitingPeople,
    string BatchesAppliedPerStage,
    long OperatorEvents,
    string RunCompletedFacts,
    long UnsentOutboxMessages)
{
    public static async Task<StoredResults> ReadAsync(RunningServices stack, Guid runId)
    {
        await using var ingestion = new NpgsqlConnection(stack.Databases["ingestion"]);
        await using var matching = new NpgsqlConnection(stack.Databases["matching"]);
        await using var eligibility = new NpgsqlConnection(stack.Databases["eligibility"]);
        await using var motions = new NpgsqlConnection(stack.Databases["motions"]);
        await using var notifications = new NpgsqlConnection(stack.Databases["notifications"]);

        var run = await ingestion.QuerySingleAsync<(long RowsRead, long RowsRejected, long Records, int Batches)>(
            "SELECT rows_read, rows_rejected, records, batch_count FROM ingestion.run WHERE run_id = @runId", new { runId });
        var subjects = (await ingestion.QueryAsync<string>(
            "SELECT DISTINCT source_record_id FROM ingestion.raw_row WHERE run_id = @runId AND rejection_code IS NULL", new { runId })).ToArray();
        var links = await matching.QueryAsync<(string Subject, Guid Person)>(
            "SELECT source_record_id, person_id FROM matching.source_link WHERE source = 'doj' AND source_record_id = ANY(@subjects) ORDER BY source_record_id",
            new { subjects });
        var people = await matching.ExecuteScalarAsync<long>("SELECT count(*) FROM matching.person");
        var eligible = await eligibility.QueryAsync<Guid>(
            "SELECT person_id FROM eligibility.person_history WHERE run_id = @runId ORDER BY person_id", new { runId });
        var awaiting = await motions.QueryAsync<Guid>(
            "SELECT person_id FROM motions.awaiting_decision WHERE run_id = @runId ORDER BY person_id", new { runId });
        var applied = new List<string>();
        foreach (var (stage, connection) in new[] { ("matching", matching), ("eligibility", eligibility), ("motions", motions), ("notifications", notifications) })
        {
            var processed = await connection.ExecuteScalarAsync<int?>("SELECT processed_batches FROM messaging.run_stage WHERE run_id = @runId", new { runId });
            applied.Add($"{stage}={processed}");
        }
        var events = (await notifications.QueryAsync<string>(
            "SELECT summary::text FROM notifications.operator_event WHERE run_id = @runId", new { runId })).ToList();
        long unsent = 0;
        foreach (var connection in new[] { ingestion, matching, eligibility, motions, notifications })
        {
            unsent += await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL");
        }

        return new StoredResults(run.RowsRead, run.RowsRejected, run.Records, run.Batches,
            string.Join(",", links.Select(l => $"{l.Subject}:{l.Person:N}")), people,
            string.Join(",", eligible), string.Join(",", awaiting), string.Join(",", applied),
            events.Count, events.Count == 1 ? WithoutRunId(events[0]) : "", unsent);
    }

    private static string WithoutRunId(string summary)
    {
        using var doc = JsonDocument.Parse(summary);
        return string.Join(",", doc.RootElement.EnumerateObject().Where(p => p.Name != "runId").Select(p => $"{p.Name}={p.Value}"));
    }
}
