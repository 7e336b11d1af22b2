using Expunge.Hosting;
using Expunge.Notifications.Data;
using Expunge.Notifications.Domain;

namespace Expunge.Notifications.Api;

public static class DeliveryEndpoints
{
    public sealed record NewRecipient(string? Audience, string? Channel, string? Address, string? Name, string? Court, string? Agency, string? Secret);

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var recipients = app.MapGroup("/api/v1/recipients").WithTags("recipients");
        recipients.MapGet("/", async (Recipients store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct))).WithName("GetRecipients");
        recipients.MapPost("/", AddRecipientAsync).WithName("AddRecipient");
        recipients.MapDelete("/{recipientId:guid}", async (Guid recipientId, Recipients store, CancellationToken ct) =>
            await store.DeactivateAsync(recipientId, ct) ? Results.NoContent() : Results.Problem($"No recipient {recipientId}.", statusCode: 404))
            .WithName("DeactivateRecipient");

        var deliveries = app.MapGroup("/api/v1/deliveries").WithTags("deliveries");
        deliveries.MapGet("/", async (string? status, Guid? packageId, int? limit, Deliveries store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(status, packageId, Math.Clamp(limit ?? 100, 1, 1000), ct))).WithName("GetDeliveries");
        deliveries.MapGet("/{deliveryId:guid}/attempts", async (Guid deliveryId, Deliveries store, CancellationToken ct) =>
            Results.Ok(await store.AttemptsAsync(deliveryId, ct))).WithName("GetDeliveryAttempts");
        deliveries.MapPost("/{deliveryId:guid}/retry", async (Guid deliveryId, Deliveries store, DeliveryDueSignal due, CancellationToken ct) =>
        {
            if (!await store.RetryAsync(deliveryId, ct)) return Results.Problem($"No delivery {deliveryId} waiting to be sent (unknown, or already delivered).", statusCode: 404);
            due.Notify();
            return Results.Accepted($"/api/v1/deliveries/{deliveryId}/attempts");
        }).WithName("RetryDelivery");

        app.MapGet("/api/v1/alerts", async (bool? open, int? limit, Alerts store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(open ?? false, Math.Clamp(limit ?? 100, 1, 1000), ct))).WithTags("alerts").WithName("GetAlerts");
        return app;
    }

    private static async Task<IResult> AddRecipientAsync(NewRecipient body, HttpRequest request, Recipients store, CancellationToken ct)
    {
        var errors = new List<string>();
        if (body.Audience is not ("clerk" or "operator")) errors.Add("'audience' must be 'clerk' (filing packages) or 'operator' (alerts)");
        if (body.Channel is not ("email" or "webhook")) errors.Add("'channel' must be 'email' or 'webhook'");
        if (string.IsNullOrWhiteSpace(body.Address)) errors.Add("'address' is required (an email address or a webhook URL)");
        else if (body.Channel == "email" && !MimeKit.MailboxAddress.TryParse(body.Address, out _)) errors.Add($"'address' {body.Address} is not an email address");
        else if (body.Channel == "webhook" && !(Uri.TryCreate(body.Address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            errors.Add($"'address' {body.Address} is not an http(s) URL");
        if (body.Channel == "webhook" && !IsSecret(body.Secret)) errors.Add("'secret' is required for a webhook: 'whsec_' and base64 (Standard Webhooks), at least 24 bytes");
        if (errors.Count > 0) return Results.Problem(string.Join("; ", errors), statusCode: 400);
        var recipient = await store.AddAsync(body.Audience!, body.Channel!, body.Address!.Trim(), body.Name ?? "", Blank(body.Court), Blank(body.Agency),
            body.Secret, Operators.Of(request), ct);
        return Results.Created($"/api/v1/recipients/{recipient.RecipientId}", recipient);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    private static bool IsSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith("whsec_", StringComparison.Ordinal)) return false;
        var bytes = new byte[secret.Length];
        return Convert.TryFromBase64String(secret["whsec_".Length..], bytes, out var length) && length >= 24;
    }
}
