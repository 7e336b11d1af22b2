using System.Net.Http.Json;
using System.Text.Json;
using Expunge.Security;

namespace Expunge.Cli.Commands;

/// <summary>The five services' HTTP APIs, at the addresses `./expunge up` prints (EXPUNGE_&lt;SERVICE&gt;_URL).</summary>
public sealed class ServiceClient : IDisposable
{
    public static readonly IReadOnlyList<string> Stages = ["ingestion", "matching", "eligibility", "motions", "notifications"];
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>One trace for everything this command changes (a submission's run, uploads and close are one trace, which
    /// the run's batches continue through all five services): W3C trace context on every request that is not a read.</summary>
    public string TraceParent { get; } = $"00-{System.Diagnostics.ActivityTraceId.CreateRandom()}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01";

    public string TraceId => TraceParent.Split('-')[1];

    public static Uri UrlOf(string service)
    {
        var configured = Environment.GetEnvironmentVariable($"EXPUNGE_{service.ToUpperInvariant()}_URL");
        var port = 5101 + Stages.ToList().IndexOf(service);
        return new Uri(configured ?? $"http://127.0.0.1:{port}");
    }

    public async Task<T> GetAsync<T>(string service, string path, CancellationToken ct)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await ReadAsync<T>(service, response, ct);
    }

    public async Task<T> PostAsync<T>(string service, string path, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, ct);
        return await ReadAsync<T>(service, response, ct);
    }

    public async Task<T> PutAsync<T>(string service, string path, HttpContent content, CancellationToken ct)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Put, path) { Content = content }, ct);
        return await ReadAsync<T>(service, response, ct);
    }

    public async Task<T> DeleteAsync<T>(string service, string path, CancellationToken ct) where T : class
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Delete, path), ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return null!;
        return await ReadAsync<T>(service, response, ct);
    }

    /// <summary>A document, streamed to a file.</summary>
    public async Task DownloadAsync(string service, string path, string file, CancellationToken ct)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Get, path), ct);
        if (!response.IsSuccessStatusCode) await ReadAsync<object>(service, response, ct);
        await using var output = File.Create(file);
        await response.Content.CopyToAsync(output, ct);
    }

    public async Task<bool> IsReadyAsync(string service, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await _http.GetAsync(new Uri(UrlOf(service), "/health/ready"), timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string service, HttpRequestMessage request, CancellationToken ct)
    {
        var baseUrl = UrlOf(service);
        request.RequestUri = new Uri(baseUrl, request.RequestUri!.ToString());
        // Not on reads: polling a run's progress every half second would bury the run's own spans in the trace.
        if (request.Method != HttpMethod.Get) request.Headers.TryAddWithoutValidation("traceparent", TraceParent);
        // The services' business APIs take an API key (README "Security"); ./expunge up exports a local operator's.
        if (Environment.GetEnvironmentVariable(ApiKeyRing.ClientVariable) is { Length: > 0 } key) request.Headers.TryAddWithoutValidation(ApiKeyRing.Header, key);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.ServicesUnreachable,
                $"The {service} service at {baseUrl} is unreachable ({ex.Message}); start the stack with ./expunge up.");
        }
        finally
        {
            request.Dispose();
        }
    }

    private static async Task<T> ReadAsync<T>(string service, HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var detail = response.StatusCode switch
            {
                System.Net.HttpStatusCode.Unauthorized => "no API key it accepts: set EXPUNGE_API_KEY to a key in the service's EXPUNGE_API_KEYS",
                System.Net.HttpStatusCode.Forbidden => "the API key's role may not do this",
                _ => TryReadProblem(body) ?? body,
            };
            throw new CliException(ExitCodes.Failure, $"The {service} service refused the request ({(int)response.StatusCode}): {detail}");
        }
        return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, ct)
            ?? throw new CliException(ExitCodes.Failure, $"The {service} service sent an empty answer.");
    }

    private static string? TryReadProblem(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
