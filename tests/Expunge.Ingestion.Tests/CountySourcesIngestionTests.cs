using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Testing;

namespace Expunge.Ingestion.Tests;

public sealed class CountySourcesIngestionTests(Infrastructure infrastructure)
{
    private static readonly string CourtHeader = string.Join(',', CountyLayout.Court.Columns);

    private static string CourtRow(string caseNumber, int count, string dob = "1980-01-31") =>
        $"{caseNumber},{count},CENTRAL,,GARCIA,ANA,,\"LOPEZ, ANA\",{dob},F,H,,,,,HS 11357(a),POSSESS,M,CONVICTED,2010-02-01,PROBATION 36M,LA CITY ATTORNEY";

    [Fact]
    public async Task A_court_export_becomes_one_record_per_case_with_its_counts_and_bad_rows_are_kept_with_line_and_field()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        var run = await app.CreateRunAsync();

        var upload = await app.UploadAsync(run, "court.csv",
            string.Join('\n', CourtHeader, CourtRow("BA1", 1), CourtRow("BA1", 2), CourtRow("BA2", 0), CourtRow("BA3", 1, dob: "1980-02-31"),
                CourtRow("BA4", 1, dob: "00/00/1980")) + "\n", kind: "court");
        await app.CloseAsync(run);

        var body = await upload.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal((5, 1, 1), (body.GetProperty("rows").GetInt32(), body.GetProperty("rejected").GetInt32(), body.GetProperty("warned").GetInt32()));
        var error = body.GetProperty("errors")[0];
        Assert.Equal((4, "INVALID_COUNT"), (error.GetProperty("line").GetInt32(), error.GetProperty("code").GetString()));
        // A date of birth that cannot be read is no reason to lose the case: the row is kept, the date unknown.
        var warning = body.GetProperty("warnings")[0];
        Assert.Equal((5, "UNKNOWN_DATE"), (warning.GetProperty("line").GetInt32(), warning.GetProperty("code").GetString()));
        Assert.Contains("date_of_birth is '1980-02-31'", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        var listed = await app.GetAsync<JsonElement>($"/api/v1/runs/{run}/warnings");
        Assert.Equal(5, Assert.Single(listed.EnumerateArray()).GetProperty("line").GetInt32());

        var (batches, ingested) = await Eventually.ReturnsAsync(() => app.OutboxAsync(run), o => o.Ingested is not null, TimeSpan.FromSeconds(30), "the run to close");
        var records = batches.SelectMany(b => b.Records).ToList();
        Assert.Equal(["BA1", "BA3", "BA4"], records.Select(r => r.SourceRecordId));
        Assert.Equal(["BA1#1", "BA1#2"], records[0].Rows.Select(r => r.RowId));
        Assert.Equal(("court", "GARCIA", "ANA", "19800131"), (records[0].Source, records[0].Identity.Surname, records[0].Identity.GivenName, records[0].Identity.DateOfBirth));
        Assert.Equal("19800000", records[2].Identity.DateOfBirth); // a partial date, kept as DOJ writes one
        Assert.Equal(["BA1"], records[0].Identity.CourtCaseNumbers);
        Assert.Equal(3, ingested!.Records);
    }

    [Fact]
    public async Task A_file_sent_as_the_wrong_kind_is_refused_whole_naming_the_missing_columns()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        var run = await app.CreateRunAsync();

        var upload = await app.UploadAsync(run, "da.csv", CourtHeader + "\n" + CourtRow("BA1", 1) + "\n", kind: "da");
        var unknown = await app.UploadAsync(run, "x.csv", "a,b\n", kind: "probation");

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("agency_case_number", await upload.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var files = await app.GetAsync<JsonElement>($"/api/v1/runs/{run}");
        Assert.Equal(0, files.GetProperty("files").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"recordId\": \"evt-9\", \"person\": {\"surname\": \"RUIZ\"}}", "missing required properties")]
    [InlineData("{\"source\": \"lasc-cms\", \"recordId\": \"evt-9\", \"kind\": \"arrest\", \"countNumber\": \"two\", \"person\": {}}", "countNumber")]
    [InlineData("{\"source\": \"lasc-cms\", \"recordId\": ", "could not be read")]
    public async Task A_record_event_that_cannot_be_read_is_refused_with_what_was_wrong(string body, string reason)
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await app.Client.PostAsync("/api/v1/records", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(reason, problem.GetProperty("title").GetString() + " " + problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_event_is_a_run_of_one_and_sending_it_again_changes_nothing()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        var e = new RecordEventSubmitted
        {
            Source = "lasc-cms", RecordId = "evt-1", Kind = "disposition",
            Person = new PersonIdentity { Surname = "RUIZ", GivenName = "PACO", DateOfBirth = "03/04/1975", CiiNumber = "A-1234-5678" },
            CourtCaseNumber = "VA777", CountNumber = 1, ChargeCode = "H&S 11359", ChargeLevel = "F", Disposition = "CONVICTED", DispositionDate = "2012-05-06",
        };

        var first = await app.Client.PostAsJsonAsync("/api/v1/records", e, TestContext.Current.CancellationToken);
        var again = await app.Client.PostAsJsonAsync("/api/v1/records", e, TestContext.Current.CancellationToken);
        var bad = await app.Client.PostAsJsonAsync("/api/v1/records", e with { RecordId = "evt-2", Kind = "parole" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var run = (await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetGuid();
        Assert.Equal(run, (await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("kind is 'parole'", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var (batches, ingested) = await app.OutboxAsync(run);
        var record = Assert.Single(Assert.Single(batches).Records);
        Assert.Equal(("lasc-cms", "evt-1", "19750304"), (record.Source, record.SourceRecordId, record.Identity.DateOfBirth));
        Assert.Equal(1, ingested!.BatchCount);
    }
}
