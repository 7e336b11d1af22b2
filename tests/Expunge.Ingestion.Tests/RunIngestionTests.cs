using System.Net;
using System.Text.Json;
using Expunge.Testing;

namespace Expunge.Ingestion.Tests;

public sealed class RunIngestionTests(Infrastructure infrastructure)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_row_with_the_wrong_field_count_is_rejected_with_its_line_while_the_rest_of_the_file_flows()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        var run = await app.CreateRunAsync();
        var file = Extract.Text(Extract.Header, Extract.Row("100"), Extract.Row("100"), "1,ACTIVE,200,#,short", Extract.Row("300"));

        var response = await app.UploadAsync(run, "extract.dat", file);
        await app.CloseAsync(run);
        var (batches, ingested) = await Eventually.ReturnsAsync(() => app.OutboxAsync(run), o => o.Ingested is not null, Patience, "the run to be ingested");

        response.EnsureSuccessStatusCode();
        using var upload = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4, upload.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(1, upload.RootElement.GetProperty("rejected").GetInt64());
        var error = upload.RootElement.GetProperty("errors")[0];
        Assert.Equal(4, error.GetProperty("line").GetInt64());
        Assert.Equal("FIELD_COUNT", error.GetProperty("code").GetString());

        var rejected = await app.GetAsync<JsonElement>($"/api/v1/runs/{run}/rejected");
        Assert.Equal(4, rejected[0].GetProperty("line").GetInt64());
        Assert.Equal("1,ACTIVE,200,#,short", rejected[0].GetProperty("rawText").GetString());

        Assert.Equal(["100", "300"], batches.SelectMany(b => b.Records).Select(r => r.SourceRecordId));
        Assert.Equal(2, batches.SelectMany(b => b.Records).Single(r => r.SourceRecordId == "100").Rows.Count);
        Assert.Equal((4L, 1L, 2L, 1), (ingested!.RowsRead, ingested.RowsRejected, ingested.Records, ingested.BatchCount));
    }

    [Fact]
    public async Task A_subjects_rows_spread_over_two_files_arrive_as_one_record_and_the_batch_count_is_announced()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure, recordsPerBatch: 2);
        var run = await app.CreateRunAsync();

        (await app.UploadAsync(run, "part1.dat", Extract.Text(Extract.Header, Extract.Row("100"), Extract.Row("200"), Extract.Row("300")))).EnsureSuccessStatusCode();
        (await app.UploadAsync(run, "part2.dat", Extract.Text(Extract.Row("400"), Extract.Row("100"), Extract.Row("500")))).EnsureSuccessStatusCode();
        await app.CloseAsync(run);
        var (batches, ingested) = await Eventually.ReturnsAsync(() => app.OutboxAsync(run), o => o.Ingested is not null, Patience, "the run to be ingested");

        Assert.Equal(3, ingested!.BatchCount);
        Assert.Equal([0, 1, 2], batches.Select(b => b.Sequence));
        Assert.Equal(["100", "200", "300", "400", "500"], batches.SelectMany(b => b.Records).Select(r => r.SourceRecordId));
        var subject100 = batches.SelectMany(b => b.Records).Single(r => r.SourceRecordId == "100");
        Assert.Equal([("part1.dat", 2L), ("part2.dat", 2L)], subject100.Rows.Select(r => (r.File, r.Line)));
    }

    [Fact]
    public async Task A_file_name_already_in_the_run_and_a_file_for_a_closed_run_are_refused()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        var run = await app.CreateRunAsync();

        (await app.UploadAsync(run, "extract.dat", Extract.Text(Extract.Row("100")))).EnsureSuccessStatusCode();
        var again = await app.UploadAsync(run, "extract.dat", Extract.Text(Extract.Row("100")));
        await app.CloseAsync(run);
        var late = await app.UploadAsync(run, "late.dat", Extract.Text(Extract.Row("200")));
        var unknown = await app.UploadAsync(Guid.NewGuid(), "x.dat", Extract.Text(Extract.Row("200")));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already has a file named 'extract.dat'", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var (batches, _) = await Eventually.ReturnsAsync(() => app.OutboxAsync(run), o => o.Ingested is not null, Patience, "the run to be ingested");
        Assert.Single(Assert.Single(batches).Records);
    }

    [Fact]
    public async Task An_empty_run_announces_zero_batches_so_every_stage_can_finish_it()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        var run = await app.CreateRunAsync();

        await app.CloseAsync(run);
        var (batches, ingested) = await Eventually.ReturnsAsync(() => app.OutboxAsync(run), o => o.Ingested is not null, Patience, "the run to be ingested");

        Assert.Empty(batches);
        Assert.Equal(0, ingested!.BatchCount);
        var progress = await app.GetAsync<JsonElement>($"/api/v1/runs/{run}/progress");
        Assert.True(progress.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task The_service_reports_live_ready_metrics_and_its_api()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        var run = await app.CreateRunAsync();
        await app.UploadAsync(run, "a.dat", Extract.Text(Extract.Row("1"), "bad"));
        var metrics = await app.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("expunge_ingestion_rows_read", metrics, StringComparison.Ordinal);
        Assert.Contains("expunge_ingestion_rows_rejected", metrics, StringComparison.Ordinal);
        var openApi = await app.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/runs/{runId}/files", openApi, StringComparison.Ordinal);
    }
}
