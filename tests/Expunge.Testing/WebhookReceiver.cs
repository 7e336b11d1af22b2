using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Expunge.Testing;

/// <summary>
/// A webhook receiver on a real local port that checks every request's Standard Webhooks signature with its own copy
/// of the secret, as a court's system would, and can be told to fail its first requests.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    public sealed record Received(string WebhookId, bool SignatureValid, int Status, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Secret { get; } = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Uri Url { get; private set; } = null!;

    private WebhookReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            bool valid;
            try
            {
                new StandardWebhook(Secret).Verify(body, request.Headers);
                valid = true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                valid = false;
            }
            var status = !valid ? 401 : Interlocked.Decrement(ref _failuresLeft) >= 0 ? 503 : 200;
            Requests.Enqueue(new Received(request.Headers["webhook-id"].ToString(), valid, status, body));
            return Results.StatusCode(status);
        });
    }

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("no server");
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
