using System.Net.Http.Json;
using System.Text.Json;

namespace Expunge.Testing;

/// <summary>Drives a run over the services' HTTP APIs (the CLI does the same; the kill test needs the steps apart).</summary>
public sealed class PipelineClient(RunningServices stack) : IDisposable
{
    private readonly HttpClient _http = TestApiKeys.Client(stack.Urls["ingestion"]);

    public async Task<Guid> SubmitAsync(string file)
    {
        var created = await _http.PostAsync(new Uri(stack.Urls["ingestion"], "api/v1/runs"), null);
        created.EnsureSuccessStatusCode();
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        await using var body = File.OpenRead(file);
        (await _http.PostAsync(new Uri(stack.Urls["ingestion"], $"api/v1/runs/{runId}/files?kind=doj&name={Path.GetFileName(file)}"), new StreamContent(body)))
            .EnsureSuccessStatusCode();
        (await _http.PostAsync(new Uri(stack.Urls["ingestion"], $"api/v1/runs/{runId}/close"), null)).EnsureSuccessStatusCode();
        return runId;
    }

    public async Task<JsonElement> ProgressAsync(string service, Guid runId)
    {
        try
        {
            return await _http.GetFromJsonAsync<JsonElement>(new Uri(stack.Urls[service], $"api/v1/runs/{runId}/progress"));
        }
        catch (HttpRequestException)
        {
            return default; // the service is down (being killed or restarted)
        }
    }

    /// <summary>Until every stage reports the run complete and every outbox is drained.</summary>
    public async Task WaitCompleteAsync(Guid runId, TimeSpan timeout)
    {
        await Eventually.ReturnsAsync(async () =>
        {
            var states = await Task.WhenAll(RunningServices.Services.Select(s => ProgressAsync(s, runId)));
            return states.All(s => s.ValueKind == JsonValueKind.Object && s.GetProperty("complete").GetBoolean());
        }, done => done, timeout, $"run {runId} to pass every stage");
        // Then until what the stages stored is visible from outside: every outbox drained and the run's one operator
        // event recorded (a stage's progress endpoint may answer a moment before a reader on another connection sees
        // the same rows; compare stored results only once they are all there).
        await Eventually.ReturnsAsync(() => StoredResults.ReadAsync(stack, runId), r => r.UnsentOutboxMessages == 0 && r.OperatorEvents == 1,
            timeout, "every outbox to drain and the run's operator event to be recorded");
    }

    public void Dispose() => _http.Dispose();
}
