using System.Text.Json;
using StandardWebhooks;

namespace Expunge.Notifications.Delivery;

/// <summary>
/// Webhooks signed as Standard Webhooks specifies (HMAC-SHA256 over id, timestamp and body; headers webhook-id,
/// webhook-timestamp, webhook-signature). The webhook-id is the delivery's id: a receiver that sees one twice (we
/// retried after it had already taken it) knows it is the same event. Anything but a 2xx answer is a failure.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public async Task SendAsync(Guid deliveryId, string url, string secret, object payload, CancellationToken ct)
    {
        var webhook = new StandardWebhook(secret);
        using var content = webhook.MakeHttpContent(payload, deliveryId.ToString(), clock.GetUtcNow(), JsonSerializerOptions.Web);
        using var response = await http.PostAsync(url, content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
