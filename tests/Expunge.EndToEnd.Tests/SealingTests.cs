using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.Security;
using Expunge.Testing;
using Npgsql;

namespace Expunge.EndToEnd.Tests;

/// <summary>
/// One conviction the court grants relief for, followed through every store (README "Sealing"): sealed in all four
/// databases that hold it, gone from the exports and views at once, its working copies purged after the hold while
/// the person's other convictions and the audit trail stay.
/// </summary>
public sealed class SealingTests(Infrastructure infrastructure)
{
    private const int CntOrder = 50; // DojColumns.CountOrder: the field a DOJ row names its count by

    [Fact]
    public async Task A_granted_conviction_is_sealed_everywhere_leaves_views_and_exports_and_its_working_copies_are_purged_after_the_hold()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 50, new Dictionary<string, string>
        {
            ["EXPUNGE_SEAL_HOLD_HOURS"] = "0.004", // 14.4 s: long enough to see the sealed state before the purge
            ["EXPUNGE_SEAL_PURGE_INTERVAL_SECONDS"] = "1",
        });
        var ct = TestContext.Current.CancellationToken;
        var (file, _) = EndToEndTests.Generate(people: 80, badRows: 0, seed: 31);
        var policy = Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json");
        var (exitCode, output) = await EndToEndTests.RunCliAsync(stack, "submit", "--doj", file, "--policy", policy, "--wait");
        Assert.True(exitCode == 0, output);

        await using var motions = new NpgsqlConnection(stack.Databases["motions"]);
        await using var ingestion = new NpgsqlConnection(stack.Databases["ingestion"]);
        await using var matching = new NpgsqlConnection(stack.Databases["matching"]);
        await using var eligibility = new NpgsqlConnection(stack.Databases["eligibility"]);
        var runId = await motions.ExecuteScalarAsync<Guid>("SELECT run_id FROM motions.package WHERE run_id IS NOT NULL LIMIT 1");

        // The run's packages made again: the first versions are now superseded working copies.
        using var operatorClient = stack.Client("motions");
        var again = await operatorClient.PostAsync($"/api/v1/runs/{runId}/filings", null, ct);
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync(ct));
        var requestId = JsonDocument.Parse(await again.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("requestId").GetGuid();
        await Eventually.ReturnsAsync(() => motions.ExecuteScalarAsync<bool>(
            "SELECT completed_at IS NOT NULL FROM motions.filing_request WHERE request_id = @requestId", new { requestId }), done => done,
            TimeSpan.FromSeconds(60), "the run's packages made a second time");

        // A DOJ conviction on an exhibit of the newest version, of a person with other convictions too.
        var chosen = await motions.QueryFirstAsync<(Guid PackageId, string RowId, string SubjectId, string Count, Guid PersonId)>("""
            SELECT r.package_id, r.row_id, r.source_record_id, r.cnt_order, c.person_id
            FROM motions.package_row r JOIN motions.package p USING (package_id) JOIN motions.conviction c USING (row_id)
            WHERE r.list = 'exhibit' AND r.source = 'doj' AND p.version = 2
            ORDER BY (SELECT count(*) FROM motions.conviction o WHERE o.person_id = c.person_id) DESC, r.row_id LIMIT 1
            """);
        var rowsBefore = await RawRowsAsync(ingestion, chosen.SubjectId);
        Assert.Contains(rowsBefore, r => r.Count == chosen.Count);
        Assert.Contains(rowsBefore, r => r.Count != chosen.Count);
        using var eligibilityClient = stack.Client("eligibility");
        Assert.True(await InExportAsync(eligibilityClient, runId, chosen.SubjectId, chosen.Count, ct));
        var olderDocuments = await motions.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM motions.document d JOIN motions.package p USING (package_id)
            WHERE p.version = 1 AND EXISTS (SELECT 1 FROM motions.package_row r WHERE r.package_id = p.package_id AND r.row_id = @RowId)
            """, new { chosen.RowId });
        Assert.True(olderDocuments > 0);

        using var clerk = stack.Client("motions", Roles.Clerk);
        var answered = await clerk.PostAsJsonAsync($"/api/v1/filings/{chosen.PackageId}/responses", new[] { new { rowId = chosen.RowId, outcome = "accepted" } }, ct);
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync(ct));

        // Sealed in every store that holds it.
        var stores = new[] { ("ingestion", ingestion), ("matching", matching), ("eligibility", eligibility), ("motions", motions) };
        foreach (var (service, connection) in stores)
        {
            await Eventually.ReturnsAsync(() => SealedAsync(connection, chosen.SubjectId, chosen.Count), n => n > 0, TimeSpan.FromSeconds(30),
                $"{service} to record the conviction sealed");
        }
        // Out of the run's export and the person's view at once, while the person's other decisions stay.
        Assert.False(await InExportAsync(eligibilityClient, runId, chosen.SubjectId, chosen.Count, ct));
        var person = JsonDocument.Parse(await eligibilityClient.GetStringAsync($"/api/v1/people/{chosen.PersonId}", ct)).RootElement;
        var shown = person.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("values").EnumerateArray().Select(v => v.GetString()).ToArray()).ToList();
        Assert.DoesNotContain(shown, v => v[0] == chosen.SubjectId && v[1] == chosen.Count);
        // The audit trail keeps the decision itself.
        Assert.True(await eligibility.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM eligibility.determination WHERE source = 'doj' AND source_record_id = @SubjectId AND cnt_order = @Count", new { chosen.SubjectId, chosen.Count }) > 0);

        // After the hold every store has purged its working copies.
        foreach (var (service, connection) in stores)
        {
            await Eventually.ReturnsAsync(() => connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM sealing.sealed_report WHERE source = 'doj' AND source_record_id = @SubjectId AND reference = @Count AND purged_at IS NOT NULL",
                new { chosen.SubjectId, chosen.Count }), n => n == 1, TimeSpan.FromSeconds(90), $"{service} to purge after the hold");
        }
        var rowsAfter = await RawRowsAsync(ingestion, chosen.SubjectId);
        Assert.DoesNotContain(rowsAfter, r => r.Count == chosen.Count);
        Assert.Equal(rowsBefore.Count(r => r.Count != chosen.Count), rowsAfter.Count);
        Assert.True(await ingestion.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ingestion.raw_row WHERE source = 'doj' AND source_record_id = @SubjectId AND fields IS NULL AND purged_at IS NOT NULL",
            new { chosen.SubjectId }) == rowsBefore.Count(r => r.Count == chosen.Count));

        var record = TestDataKeys.Cipher.OpenJson<SourceRecord>(await matching.ExecuteScalarAsync<byte[]>(
            "SELECT record FROM matching.source_record WHERE source = 'doj' AND source_record_id = @SubjectId", new { chosen.SubjectId }), "matching.source_record.record");
        Assert.DoesNotContain(record.Rows, r => r.Fields[CntOrder] == chosen.Count);
        Assert.NotEmpty(record.Rows);

        var histories = (await eligibility.QueryAsync<byte[]>("SELECT history FROM eligibility.person_history WHERE person_id = @PersonId", new { chosen.PersonId }))
            .Select(h => TestDataKeys.Cipher.OpenJson<PersonHistory>(h, "eligibility.person_history.history")).ToList();
        Assert.NotEmpty(histories);
        Assert.All(histories, h => Assert.DoesNotContain(h.Records.SelectMany(r => r.Rows), r => r.Fields.Count > CntOrder && r.Fields[CntOrder] == chosen.Count));
        var decisions = (await eligibility.QueryAsync<(byte[] Row, byte[]? Filing)>(
            "SELECT result_row, filing FROM eligibility.determination WHERE source = 'doj' AND source_record_id = @SubjectId AND cnt_order = @Count",
            new { chosen.SubjectId, chosen.Count })).ToList();
        Assert.All(decisions, d =>
        {
            var row = TestDataKeys.Cipher.OpenJson<string[]>(d.Row, "eligibility.determination.result_row");
            Assert.Equal(("", "", ""), (row[2], row[3], row[4])); // cii_number, name, dob
            Assert.Null(d.Filing);
        });

        var filing = TestDataKeys.Cipher.OpenJson<ConvictionFiling>(await motions.ExecuteScalarAsync<byte[]>(
            "SELECT filing FROM motions.conviction WHERE row_id = @RowId", new { chosen.RowId }), "motions.conviction.filing");
        Assert.Equal(("", "", ""), (filing.DefendantName, filing.DateOfBirth, filing.CiiNumber));
        Assert.Equal(0L, await motions.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM motions.document d JOIN motions.package p USING (package_id)
            WHERE p.version = 1 AND EXISTS (SELECT 1 FROM motions.package_row r WHERE r.package_id = p.package_id AND r.row_id = @RowId)
            """, new { chosen.RowId }));
        Assert.True(await motions.ExecuteScalarAsync<long>("SELECT count(*) FROM motions.document WHERE package_id = @PackageId", new { chosen.PackageId }) > 0,
            "the version the court acted on keeps its documents");
    }

    private static Task<long> SealedAsync(NpgsqlConnection connection, string subjectId, string count) =>
        connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM sealing.sealed_report WHERE source = 'doj' AND source_record_id = @subjectId AND reference = @count", new { subjectId, count });

    /// <summary>The subject's raw rows that still hold their fields, by CNT_ORDER.</summary>
    private static async Task<List<(long Line, string Count)>> RawRowsAsync(NpgsqlConnection ingestion, string subjectId) =>
        [.. (await ingestion.QueryAsync<(long Line, byte[] Fields)>(
                "SELECT line, fields FROM ingestion.raw_row WHERE source = 'doj' AND source_record_id = @subjectId AND fields IS NOT NULL", new { subjectId }))
            .Select(r => (r.Line, JsonSerializer.Deserialize<string[]>(TestDataKeys.Cipher.Open(r.Fields, "ingestion.raw_row.fields"))![CntOrder]))];

    private static async Task<bool> InExportAsync(HttpClient eligibility, Guid runId, string subjectId, string count, CancellationToken ct)
    {
        var export = JsonDocument.Parse(await eligibility.GetStringAsync($"/api/v1/runs/{runId}/convictions", ct)).RootElement;
        return export.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("values").EnumerateArray().Select(v => v.GetString()).ToArray())
            .Any(v => v[0] == subjectId && v[1] == count);
    }
}
