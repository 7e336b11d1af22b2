using Expunge.Contracts;
using Expunge.Notifications;
using Expunge.Notifications.Data;
using Expunge.Notifications.Domain;
using Expunge.Testing;

namespace Expunge.Pipeline.Tests;

/// <summary>Notifications delivering filing packages to clerks' webhooks: signed, retried, once, with a dead letter and alerts.</summary>
public sealed class DeliveryStageTests(Infrastructure infrastructure)
{
    private const string Court = "SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES";

    private static FilingGenerated Package() => new()
    {
        PackageId = Guid.NewGuid(), Version = 1, RunId = Guid.NewGuid(), Court = Court, ProsecutingAgency = "LOS ANGELES COUNTY DISTRICT ATTORNEY",
        EligibleRows = 12,
        Documents = [new FilingDocument { Name = "exhibit-a.pdf", MediaType = "application/pdf", Bytes = 1000, Sha256 = new string('a', 64) }],
    };

    private static Task<StageHarness> NotificationsAsync(Infrastructure infrastructure, int maxAttempts) =>
        StageHarness.StartAsync(infrastructure, "notifications", (services, db) => services.AddNotificationsServices(db, new DeliverySettings
        {
            RetryDelay = TimeSpan.FromMilliseconds(200),
            MaxAttempts = maxAttempts,
            AlertInterval = TimeSpan.FromHours(1), // checked by the test itself
            EligibilityUrl = new Uri("http://127.0.0.1:9"),
        }), NotificationsRegistration.AddConsumers);

    private static async Task<Delivery> DeliveryAsync(StageHarness stage, Guid packageId, string status)
    {
        Delivery? found = null;
        await Eventually.ReturnsAsync(async () =>
            found = (await stage.Service<Deliveries>().ListAsync(null, packageId, 10, TestContext.Current.CancellationToken)).SingleOrDefault(),
            d => d?.Status == status, TimeSpan.FromSeconds(20), $"the delivery of package {packageId} to be {status}");
        return found!;
    }

    [Fact]
    public async Task A_package_is_retried_while_the_clerks_system_fails_and_delivered_once_with_a_valid_signature_when_it_recovers()
    {
        infrastructure.Require();
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var stage = await NotificationsAsync(infrastructure, maxAttempts: 5);
        await stage.Service<Recipients>().AddAsync("clerk", "webhook", receiver.Url.ToString(), "LASC clerk", Court, null, receiver.Secret, "test",
            TestContext.Current.CancellationToken);
        var package = Package();

        // The same event twice (a second id, as if re-published past the inbox): one delivery.
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await stage.PublishAsync(package, first);
        await stage.PublishAsync(package, second);
        await stage.ConsumedAsync<FilingGenerated>(first);
        await stage.ConsumedAsync<FilingGenerated>(second);
        var delivery = await DeliveryAsync(stage, package.PackageId, "delivered");
        await Task.Delay(1000, TestContext.Current.CancellationToken); // room for a second delivery to show, were there one

        Assert.Equal([503, 503, 200], receiver.Requests.Select(r => r.Status));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        Assert.Single(receiver.Requests.Select(r => r.WebhookId).Distinct());
        Assert.Equal(delivery.DeliveryId.ToString(), receiver.Requests.First().WebhookId);
        Assert.Contains(package.PackageId.ToString(), receiver.Requests.Last().Body, StringComparison.Ordinal);
        var attempts = await stage.Service<Deliveries>().AttemptsAsync(delivery.DeliveryId, TestContext.Current.CancellationToken);
        Assert.Equal([false, false, true], attempts.Select(a => a.Succeeded));
        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT count(*) FROM notifications.delivery"));
    }

    [Fact]
    public async Task A_delivery_out_of_attempts_is_dead_is_alerted_to_operators_once_and_an_operator_retry_delivers_it()
    {
        infrastructure.Require();
        await using var clerk = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var operators = await WebhookReceiver.StartAsync();
        await using var stage = await NotificationsAsync(infrastructure, maxAttempts: 2);
        var recipients = stage.Service<Recipients>();
        await recipients.AddAsync("clerk", "webhook", clerk.Url.ToString(), "", null, null, clerk.Secret, "test", TestContext.Current.CancellationToken);
        await recipients.AddAsync("operator", "webhook", operators.Url.ToString(), "", null, null, operators.Secret, "test", TestContext.Current.CancellationToken);
        var package = Package();

        await stage.PublishAsync(package, Guid.NewGuid());
        var dead = await DeliveryAsync(stage, package.PackageId, "dead");
        Assert.Equal(2, dead.Attempts);

        var monitor = stage.Create<AlertMonitor>();
        await monitor.CheckAsync(TestContext.Current.CancellationToken);
        await monitor.CheckAsync(TestContext.Current.CancellationToken);
        var alert = Assert.Single(await stage.Service<Alerts>().ListAsync(openOnly: true, 10, TestContext.Current.CancellationToken));
        Assert.Equal("delivery-failed", alert.Kind);
        await Eventually.ReturnsAsync(() => Task.FromResult(operators.Requests.Count), n => n == 1, TimeSpan.FromSeconds(20), "the operators' alert");
        Assert.Contains("alert.delivery-failed", operators.Requests.Single().Body, StringComparison.Ordinal);
        Assert.DoesNotContain("DOE", operators.Requests.Single().Body, StringComparison.Ordinal);

        Assert.True(await stage.Service<Deliveries>().RetryAsync(dead.DeliveryId, TestContext.Current.CancellationToken));
        await DeliveryAsync(stage, package.PackageId, "delivered");
        await monitor.CheckAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await stage.Service<Alerts>().ListAsync(openOnly: true, 10, TestContext.Current.CancellationToken));
        Assert.Equal([false, false, true], (await stage.Service<Deliveries>().AttemptsAsync(dead.DeliveryId, TestContext.Current.CancellationToken)).Select(a => a.Succeeded));
    }
}
