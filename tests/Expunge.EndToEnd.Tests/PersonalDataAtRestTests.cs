using System.Text;
using System.Text.Json;
using Dapper;
using Expunge.Doj;
using Expunge.Testing;
using Npgsql;

namespace Expunge.EndToEnd.Tests;

/// <summary>
/// Names, dates of birth and CII numbers are encrypted at rest (README "Security"): after a whole run, with rejected
/// rows, review pairs and filing documents stored, no column of any table of any of the five databases holds one of
/// the extract's people in the clear.
/// </summary>
public sealed class PersonalDataAtRestTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task No_table_of_any_service_holds_a_name_date_of_birth_or_CII_number_in_the_clear_after_a_run()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 50);
        var (file, _) = EndToEndTests.Generate(people: 120, badRows: 4, seed: 23);
        var policy = Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json");
        var (exitCode, output) = await EndToEndTests.RunCliAsync(stack, "submit", "--doj", file, "--policy", policy, "--wait");
        Assert.True(exitCode == 0, output);

        var planted = PlantedPersonalData.Of(file);
        Assert.True(planted.Count > 200, $"{planted.Count} values to look for");
        var scanned = 0L;
        foreach (var (service, database) in stack.Databases)
        {
            await using var connection = new NpgsqlConnection(database);
            foreach (var (table, column, bytes) in await ColumnsAsync(connection))
            {
                var values = bytes
                    ? (await connection.QueryAsync<byte[]?>($"SELECT {column} FROM {table}")).OfType<byte[]>().ToList()
                    : [.. (await connection.QueryAsync<string?>($"SELECT {column}::text FROM {table}")).OfType<string>().Select(Encoding.UTF8.GetBytes)];
                scanned += values.Count;
                var leaked = FirstFound(planted, values);
                Assert.True(leaked is null, $"'{leaked}' of the extract is stored in the clear in {service}: {table}.{column}");
            }
        }
        Assert.True(scanned > 1000, $"{scanned} values scanned");

        // The scan would see them: the same rows, decrypted with the services' key, name the extract's people.
        await using (var ingestion = new NpgsqlConnection(stack.Databases["ingestion"]))
        {
            var rows = (await ingestion.QueryAsync<byte[]>("SELECT fields FROM ingestion.raw_row WHERE fields IS NOT NULL"))
                .Select(f => TestDataKeys.Cipher.Open(f, "ingestion.raw_row.fields")).ToList();
            Assert.NotNull(FirstFound(planted, rows));
        }

        // Found again by the keyed hashes: by CII number, and by name and date of birth written another way.
        DojRow someone;
        await using (var extract = File.OpenRead(file))
        {
            someone = DojExtractReader.Read(extract).Select(r => r.Row).OfType<DojRow>()
                .First(r => r.Fields[DojColumns.CiiNumber].Length >= 6 && r.Fields[DojColumns.PrimaryDob] is { Length: 8 } d && d.All(char.IsAsciiDigit) && d != "00000000"
                            && r.Fields[DojColumns.PrimaryName].Contains(',', StringComparison.Ordinal));
        }
        using var matching = stack.Client("matching");
        async Task<List<string>> SubjectsAsync(string query) =>
            [.. JsonDocument.Parse(await matching.GetStringAsync($"/api/v1/people/lookup?{query}", TestContext.Current.CancellationToken)).RootElement
                .EnumerateArray().Where(l => l.GetProperty("source").GetString() == "doj").Select(l => l.GetProperty("sourceRecordId").GetString()!)];
        var subject = someone.Fields[DojColumns.SubjectId];
        Assert.Contains(subject, await SubjectsAsync($"cii={Uri.EscapeDataString(someone.Fields[DojColumns.CiiNumber].ToLowerInvariant())}"));
        var dob = someone.Fields[DojColumns.PrimaryDob];
        var name = someone.Fields[DojColumns.PrimaryName];
        Assert.Contains(subject, await SubjectsAsync($"name={Uri.EscapeDataString(name.ToLowerInvariant())}&dob={dob[..4]}-{dob[4..6]}-{dob[6..]}"));
        Assert.Empty(await SubjectsAsync("cii=ZZ00000000"));
        var neither = await matching.GetAsync("/api/v1/people/lookup?name=DOE", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, neither.StatusCode);
    }

    /// <summary>Every column of every table the service created (its own schemas, messaging, audit, migrations).</summary>
    private static async Task<IReadOnlyList<(string Table, string Column, bool Bytes)>> ColumnsAsync(NpgsqlConnection connection) =>
        [.. (await connection.QueryAsync<(string Schema, string Table, string Column, string Type)>("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1, 2, 3
            """)).Select(c => ($"\"{c.Schema}\".\"{c.Table}\"", $"\"{c.Column}\"", c.Type == "bytea"))];

    private static string? FirstFound(HashSet<string> planted, IReadOnlyList<byte[]> values)
    {
        var needles = planted.Select(p => (Text: p, Bytes: Encoding.UTF8.GetBytes(p))).ToList();
        foreach (var value in values)
        {
            foreach (var needle in needles)
            {
                if (value.AsSpan().IndexOf(needle.Bytes) >= 0) return needle.Text;
            }
        }
        return null;
    }
}
