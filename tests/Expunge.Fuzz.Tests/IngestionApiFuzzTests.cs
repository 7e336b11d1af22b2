using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Dapper;
using Expunge.Ingestion.Tests;
using Expunge.Testing;
using Npgsql;

namespace Expunge.Fuzz.Tests;

/// <summary>
/// Ingestion's HTTP API, in-process on a real database and broker, under random input: a random extract uploaded is
/// stored row for row (every good row's values verbatim, every bad row with its reason and raw text); random JSON and
/// random parameters get a 2xx or a 4xx with a reason, never a 5xx.
/// </summary>
public sealed class IngestionApiFuzzTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task A_random_extract_uploaded_is_stored_row_for_row_good_rows_verbatim_and_bad_rows_with_their_reason()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        await using var db = new NpgsqlConnection(app.Database);
        var file = 0;
        await DojReaderFuzzTests.Extracts.SampleAsync(async extract =>
        {
            var runId = await app.CreateRunAsync();
            var name = $"fuzz-{++file}.dat";
            var response = await app.Client.PostAsync($"/api/v1/runs/{runId}/files?kind=doj&name={name}",
                new ByteArrayContent(DojReaderFuzzTests.FileOf(extract.Rows, extract.LineEnd)), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(extract.Rows.Length, body.RootElement.GetProperty("rows").GetInt64());
            Assert.Equal(extract.Rows.Count(r => r.RejectedAs is not null), body.RootElement.GetProperty("rejected").GetInt64());

            var stored = (await db.QueryAsync<(long Line, byte[]? Fields, string? Code, byte[]? RawText)>(
                "SELECT line, fields, rejection_code, raw_text FROM ingestion.raw_row WHERE run_id = @runId ORDER BY line", new { runId })).ToList();
            Assert.Equal(extract.Rows.Length, stored.Count);
            var line = 2L;
            foreach (var (expected, row) in extract.Rows.Zip(stored))
            {
                Assert.Equal(line, row.Line);
                Assert.Equal(expected.RejectedAs, row.Code);
                if (expected.RejectedAs is null) Assert.Equal(expected.Fields, Expunge.Ingestion.Data.RawRowColumns.OpenFields(TestDataKeys.Cipher, row.Fields!));
                else Assert.False(string.IsNullOrEmpty(TestDataKeys.Cipher.OpenText(row.RawText, Expunge.Ingestion.Data.RawRowColumns.RawText))); // what was sent, kept for the operator
                line += expected.Lines;
            }
        }, time: Fuzzing.Seconds, threads: 1);
    }

    private static readonly string[] EventFields =
    [
        "source", "recordId", "kind", "courtCaseNumber", "countNumber", "courtLocation", "filingDate", "arrestDate", "chargeCode",
        "chargeDescription", "chargeLevel", "disposition", "dispositionDate", "sentence", "prosecutingAgency", "race",
    ];

    private static readonly string[] PersonFields =
        ["name", "surname", "givenName", "middleName", "aliases", "dateOfBirth", "gender", "ciiNumber", "fbiNumber", "driverLicence", "bookingNumber"];

    /// <summary>Any JSON value: what a broken client may put where a string, number or object is expected.</summary>
    internal static readonly Gen<JsonNode?> AnyValue = Gen.Frequency(
        (8, Hostile.Text.Select(t => (JsonNode?)JsonValue.Create(t))),
        (2, Gen.OneOf("arrest", "charge", "disposition", "sentence", "registration", "death", "county-cms", "doj", "00000000", "99999999",
            "2020-02-30", "1985-03-03", "HS 11357(a)", "M", "CONVICTED").Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Hostile.Text.Array[0, 3].Select(a => (JsonNode?)new JsonArray([.. a.Select(s => (JsonNode?)JsonValue.Create(s))]))),
        (1, Gen.Const<JsonNode?>(() => new JsonObject())));

    private static Gen<JsonObject> ObjectOf(string[] names, Gen<JsonNode?> person) =>
        Gen.Select(Gen.Bool.Array[names.Length], AnyValue.Array[names.Length], person, (present, values, p) =>
        {
            var o = new JsonObject();
            for (var i = 0; i < names.Length; i++) if (present[i]) o[names[i]] = values[i];
            if (p is not null) o["person"] = p;
            return o;
        });

    /// <summary>Request bodies: event-shaped objects with random members and values, and text that is not JSON at all.</summary>
    private static readonly Gen<string> EventBodies = Gen.Frequency(
        (6, ObjectOf(EventFields, Gen.Frequency((4, ObjectOf(PersonFields, Gen.Const((JsonNode?)null)).Select(o => (JsonNode?)o)), (1, AnyValue)))
            .Select(o => o.ToJsonString())),
        (1, Hostile.Text),
        (1, Gen.Select(ObjectOf(EventFields, Gen.Const((JsonNode?)null)), Gen.Int[0, 60], (o, cut) => { var s = o.ToJsonString(); return s[..Math.Min(cut, s.Length)]; })),
        (1, Gen.Int[1, 5_000].Select(depth => new string('[', depth) + new string(']', depth))));

    [Fact]
    public async Task Random_record_events_get_a_reason_or_are_stored_and_never_a_server_error()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        await EventBodies.SampleAsync(async body =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await app.Client.PostAsync("/api/v1/records", content, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body[..Math.Min(body.Length, 300)]}: {text}");
            if (response.StatusCode == HttpStatusCode.BadRequest) Assert.False(string.IsNullOrWhiteSpace(text), "a refusal must say why");
            if (response.IsSuccessStatusCode) await AssertResentIsDuplicateAsync(app, body);
        }, time: Fuzzing.Seconds, threads: 1);
    }

    /// <summary>An accepted event sent again is recognised, not stored twice.</summary>
    private static async Task AssertResentIsDuplicateAsync(IngestionApp app, string body)
    {
        using var again = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await app.Client.PostAsync("/api/v1/records", again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Random_upload_parameters_and_bodies_get_a_reason_and_never_a_server_error()
    {
        infrastructure.Require();
        await using var app = await IngestionApp.StartAsync(infrastructure);
        var runId = await app.CreateRunAsync();
        var kinds = Gen.Frequency((3, Gen.OneOf("doj", "court", "da")), (1, Hostile.Text));
        var names = Gen.Frequency((3, Gen.String[Gen.Char['a', 'z'], 1, 12]), (1, Hostile.Text));
        await Gen.Select(kinds, names, Gen.Byte.Array[0, 2_000]).SampleAsync(async (kind, name, bytes) =>
        {
            var response = await app.Client.PostAsync(
                $"/api/v1/runs/{runId}/files?kind={Uri.EscapeDataString(kind)}&name={Uri.EscapeDataString(name)}",
                new ByteArrayContent(bytes), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for kind '{kind}', name '{name}': {text}");
            if (!response.IsSuccessStatusCode) Assert.False(string.IsNullOrWhiteSpace(text), "a refusal must say why");
        }, time: Fuzzing.Seconds, threads: 1);
    }
}
