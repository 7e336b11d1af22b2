using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Expunge.Ingestion.Tests;

/// <summary>The real ingestion service in-process, on its own database and virtual host.</summary>
public sealed class IngestionApp : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplicationFactory<Program> _factory;

    private IngestionApp(WebApplicationFactory<Program> factory, string database)
    {
        _factory = factory;
        Database = database;
        Client = factory.CreateClient();
        Client.DefaultRequestHeaders.Add(Expunge.Hosting.ApiKeyAuthentication.Header, TestApiKeys.CountyIntegration);
    }

    public HttpClient Client { get; }

    public string Database { get; }

    public static async Task<IngestionApp> StartAsync(Infrastructure infrastructure, int recordsPerBatch = 200)
    {
        var database = await infrastructure.CreateDatabaseAsync("ingestion");
        var broker = await infrastructure.CreateVirtualHostAsync("ingestion");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("EXPUNGE_DB_INGESTION", database);
            web.UseSetting("EXPUNGE_RABBITMQ", broker.ToString());
            web.UseSetting(Expunge.Security.ApiKeyRing.Variable, TestApiKeys.Ring);
            web.UseSetting("EXPUNGE_INGESTION_BATCH_RECORDS", recordsPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        return new IngestionApp(factory, database);
    }

    public async Task<Guid> CreateRunAsync()
    {
        var response = await Client.PostAsync("/api/v1/runs", null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("runId").GetGuid();
    }

    public Task<HttpResponseMessage> UploadAsync(Guid runId, string name, string text, string kind = "doj") =>
        Client.PostAsync($"/api/v1/runs/{runId}/files?kind={kind}&name={name}",
            new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text))), TestContext.Current.CancellationToken);

    public async Task CloseAsync(Guid runId) =>
        (await Client.PostAsync($"/api/v1/runs/{runId}/close", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

    /// <summary>What ingestion put on its outbox for a run (published or not), oldest first.</summary>
    public async Task<(List<SourceRecordsIngested> Batches, RunIngested? Ingested)> OutboxAsync(Guid runId)
    {
        await using var connection = new NpgsqlConnection(Database);
        var rows = await connection.QueryAsync<(string Type, byte[] Body)>("SELECT message_type, body FROM messaging.outbox ORDER BY id");
        var batches = new List<SourceRecordsIngested>();
        RunIngested? ingested = null;
        var cipher = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Expunge.Security.FieldCipher>(_factory.Services);
        foreach (var (type, sealedBody) in rows)
        {
            var body = cipher.Open(sealedBody, Expunge.Persistence.OutboxSignal.BodyColumn);
            if (type == typeof(SourceRecordsIngested).FullName)
            {
                var batch = JsonSerializer.Deserialize<SourceRecordsIngested>(body, Json)!;
                if (batch.RunId == runId) batches.Add(batch);
            }
            else if (type == typeof(RunIngested).FullName && JsonSerializer.Deserialize<RunIngested>(body, Json) is { } done && done.RunId == runId)
            {
                ingested = done;
            }
        }
        return (batches, ingested);
    }

    public async Task<T> GetAsync<T>(string path) =>
        (await Client.GetFromJsonAsync<T>(path, Json, TestContext.Current.CancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
