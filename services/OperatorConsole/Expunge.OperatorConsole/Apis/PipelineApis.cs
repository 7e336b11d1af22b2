using System.Net.Http.Json;
using System.Text.Json;
using Expunge.Hosting;

namespace Expunge.OperatorConsole.Apis;

/// <summary>A service answered with an error (its problem detail) or could not be reached.</summary>
public sealed class ServiceException(string service, string message) : Exception($"{service}: {message}")
{
    public string Service { get; } = service;
}

/// <summary>
/// The five services' HTTP APIs, as the console uses them (addresses from EXPUNGE_&lt;SERVICE&gt;_URL, as the CLI).
/// Actions carry the signed-in operator's name, which the services record with each decision.
/// </summary>
public sealed class PipelineApis(IHttpClientFactory clients)
{
    public static readonly IReadOnlyList<string> Services = ["ingestion", "matching", "eligibility", "motions", "notifications"];

    public static Uri UrlOf(IConfiguration configuration, string service) =>
        new(configuration[$"EXPUNGE_{service.ToUpperInvariant()}_URL"] ?? $"http://127.0.0.1:{5101 + Services.ToList().IndexOf(service)}");

    // Ingestion
    public Task<IReadOnlyList<RunInfo>> RunsAsync(CancellationToken ct) => GetAsync<IReadOnlyList<RunInfo>>("ingestion", "/api/v1/runs", ct);

    public Task<RunDetails> RunAsync(Guid runId, CancellationToken ct) => GetAsync<RunDetails>("ingestion", $"/api/v1/runs/{runId}", ct);

    public Task<IReadOnlyList<RejectedRowInfo>> RejectedAsync(Guid runId, int limit, CancellationToken ct) =>
        GetAsync<IReadOnlyList<RejectedRowInfo>>("ingestion", $"/api/v1/runs/{runId}/rejected?limit={limit}", ct);

    public Task<StageProgress> ProgressAsync(string service, Guid runId, CancellationToken ct) =>
        GetAsync<StageProgress>(service, $"/api/v1/runs/{runId}/progress", ct);

    // Eligibility
    public Task<RunDeterminations> DeterminationsAsync(Guid runId, CancellationToken ct) =>
        GetAsync<RunDeterminations>("eligibility", $"/api/v1/runs/{runId}/determinations", ct);

    public Task<IReadOnlyList<ReviewEntry>> HandReviewAsync(string status, int limit, CancellationToken ct) =>
        GetAsync<IReadOnlyList<ReviewEntry>>("eligibility", $"/api/v1/review?status={Uri.EscapeDataString(status)}&limit={limit}", ct);

    public Task<ReviewEntry> ReviewItemAsync(long determinationId, CancellationToken ct) =>
        GetAsync<ReviewEntry>("eligibility", $"/api/v1/review/{determinationId}", ct);

    public Task<PersonView> PersonAsync(Guid personId, CancellationToken ct) => GetAsync<PersonView>("eligibility", $"/api/v1/people/{personId}", ct);

    public Task ConfirmAsync(long determinationId, string note, string by, CancellationToken ct) =>
        PostAsync("eligibility", $"/api/v1/review/{determinationId}/confirm", new { note }, by, ct);

    public Task OverrideAsync(long determinationId, string determination, string note, string by, CancellationToken ct) =>
        PostAsync("eligibility", $"/api/v1/review/{determinationId}/override", new { note, determination }, by, ct);

    public Task<IReadOnlyList<StoredPolicy>> PoliciesAsync(CancellationToken ct) => GetAsync<IReadOnlyList<StoredPolicy>>("eligibility", "/api/v1/policies", ct);

    public Task<PolicyVersions> PolicyVersionsAsync(string county, CancellationToken ct) =>
        GetAsync<PolicyVersions>("eligibility", $"/api/v1/policies/{Uri.EscapeDataString(county)}", ct);

    public async Task<WhatIfAnswer> WhatIfAsync(Guid runId, IReadOnlyList<PolicyChoice> policies, string by, CancellationToken ct)
    {
        using var response = await SendAsync("eligibility", HttpMethod.Post, $"/api/v1/runs/{runId}/what-if", JsonContent.Create(new { policies }), by, ct);
        return await ReadAsync<WhatIfAnswer>("eligibility", response, ct);
    }

    // Matching
    public Task<IReadOnlyList<LinkagePair>> LinkageReviewAsync(string status, int limit, CancellationToken ct) =>
        GetAsync<IReadOnlyList<LinkagePair>>("matching", $"/api/v1/linkage/review?status={Uri.EscapeDataString(status)}&limit={limit}", ct);

    public Task DecidePairAsync(long pairId, bool link, string note, string by, CancellationToken ct) =>
        PostAsync("matching", $"/api/v1/linkage/review/{pairId}/{(link ? "link" : "split")}", new { note }, by, ct);

    // Motions
    public Task<RunFilings> RunFilingsAsync(Guid runId, CancellationToken ct) => GetAsync<RunFilings>("motions", $"/api/v1/runs/{runId}/filings", ct);

    public Task<IReadOnlyList<PackageInfo>> PackagesAsync(int limit, CancellationToken ct) =>
        GetAsync<IReadOnlyList<PackageInfo>>("motions", $"/api/v1/filings?limit={limit}", ct);

    public Task<HttpResponseMessage> DocumentAsync(Guid packageId, string name, CancellationToken ct) =>
        SendAsync("motions", HttpMethod.Get, $"/api/v1/filings/{packageId}/documents/{Uri.EscapeDataString(name)}", null, null, ct);

    // Notifications
    public Task<IReadOnlyList<DeliveryInfo>> DeliveriesAsync(Guid? packageId, int limit, CancellationToken ct) =>
        GetAsync<IReadOnlyList<DeliveryInfo>>("notifications", $"/api/v1/deliveries?limit={limit}{(packageId is { } p ? $"&packageId={p}" : "")}", ct);

    public Task RetryDeliveryAsync(Guid deliveryId, string by, CancellationToken ct) =>
        PostAsync("notifications", $"/api/v1/deliveries/{deliveryId}/retry", new { }, by, ct);

    /// <summary>Whether the service says it is ready (its database and broker answer), and how long it took to say.</summary>
    public async Task<(bool Ready, string Detail)> HealthAsync(string service, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await clients.CreateClient(service).GetAsync("/health/ready", timeout.Token);
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} in {started.ElapsedMilliseconds} ms");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (false, ex is TaskCanceledException ? "no answer within 3 s" : ex.Message);
        }
    }

    private async Task<T> GetAsync<T>(string service, string path, CancellationToken ct)
    {
        using var response = await SendAsync(service, HttpMethod.Get, path, null, null, ct);
        return await ReadAsync<T>(service, response, ct);
    }

    private async Task PostAsync(string service, string path, object body, string by, CancellationToken ct)
    {
        using var response = await SendAsync(service, HttpMethod.Post, path, JsonContent.Create(body), by, ct);
        if (!response.IsSuccessStatusCode) throw await ProblemAsync(service, response, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(string service, HttpMethod method, string path, HttpContent? content, string? by, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (by is not null) request.Headers.Add(Operators.Header, by);
        try
        {
            return await clients.CreateClient(service).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceException(service, $"unreachable ({ex.Message})");
        }
    }

    private static async Task<T> ReadAsync<T>(string service, HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode) throw await ProblemAsync(service, response, ct);
        return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, ct))!;
    }

    private static async Task<ServiceException> ProblemAsync(string service, HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var detail)) return new ServiceException(service, detail.GetString() ?? body);
        }
        catch (JsonException)
        {
            // not a problem document: show the status
        }
        return new ServiceException(service, $"{(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
