using Expunge.Contracts;
using Expunge.Persistence;
using Expunge.Testing;
using MassTransit;

namespace Expunge.Persistence.Tests;

/// <summary>
/// The promises of ARCHITECTURE.md "Reliability rules", each on a real RabbitMQ and PostgreSQL: at-least-once delivery
/// everywhere, effects exactly once.
/// </summary>
public sealed class DeliveryGuaranteeTests(Infrastructure infrastructure)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        infrastructure.Require();
        await using var host = await GuaranteeHost.StartAsync(infrastructure, new NoFaults());
        var runId = Guid.NewGuid();
        var messageId = MessageIds.For(runId, "test", 0);

        await host.Bus.Publish(Ingested(runId), c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await host.Bus.Publish(Ingested(runId), c => c.MessageId = messageId, TestContext.Current.CancellationToken);

        await Eventually.ReturnsAsync(() => Task.FromResult(host.Deliveries.Count(nameof(UpstreamConsumer))), n => n == 2, Patience, "both deliveries");
        await Eventually.ReturnsAsync(() => host.CountAsync("SELECT count(*) FROM effect WHERE stage = 'downstream'"), n => n == 1, Patience, "the downstream effect");
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM effect WHERE stage = 'upstream'"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messaging.outbox"));
    }

    [Theory]
    [InlineData(FaultPoint.BeforeConsumerCommit)]
    [InlineData(FaultPoint.AfterConsumerCommit)]
    public async Task A_consumer_that_crashes_just_before_or_just_after_its_commit_applies_the_message_once_and_sends_on_once(FaultPoint point)
    {
        infrastructure.Require();
        var crash = new FaultPlan(point, nameof(UpstreamConsumer));
        await using var host = await GuaranteeHost.StartAsync(infrastructure, crash);
        var runId = Guid.NewGuid();

        await host.Bus.Publish(Ingested(runId), c => c.MessageId = MessageIds.For(runId, "test", 0), TestContext.Current.CancellationToken);

        // The crash leaves the message unacknowledged, so the broker's redelivery (here MassTransit's retry) comes back.
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Deliveries.Count(nameof(UpstreamConsumer))), n => n >= 2, Patience, "the redelivery after the crash");
        await Eventually.ReturnsAsync(() => host.CountAsync("SELECT count(*) FROM effect WHERE stage = 'downstream'"), n => n == 1, Patience, "the downstream effect");
        await Task.Delay(500, TestContext.Current.CancellationToken); // room for a duplicate to show up, were there one
        Assert.True(crash.Fired);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM effect WHERE stage = 'upstream'"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messaging.outbox"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM effect WHERE stage = 'downstream'"));
        Assert.Equal(1, host.Deliveries.Count(nameof(DownstreamConsumer)));
    }

    [Fact]
    public async Task A_relay_that_dies_after_publishing_but_before_marking_sent_causes_no_duplicate_effect()
    {
        infrastructure.Require();
        var crash = new FaultPlan(FaultPoint.AfterOutboxPublish, "outbox-relay");
        await using var host = await GuaranteeHost.StartAsync(infrastructure, crash);
        var runId = Guid.NewGuid();

        await host.Bus.Publish(Ingested(runId), c => c.MessageId = MessageIds.For(runId, "test", 0), TestContext.Current.CancellationToken);

        // The first publish reached the broker but was never marked sent, so the relay publishes it again.
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Deliveries.Count(nameof(DownstreamConsumer))), n => n >= 2, Patience, "the re-published message");
        await Eventually.ReturnsAsync(() => host.CountAsync("SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL"), n => n == 0, Patience, "the outbox to drain");
        Assert.True(crash.Fired);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM effect WHERE stage = 'downstream'"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messaging.inbox WHERE consumer = 'DownstreamConsumer'"));
    }

    [Fact]
    public async Task A_message_no_queue_is_bound_for_yet_waits_in_the_outbox_instead_of_being_dropped()
    {
        infrastructure.Require();
        await using var upstreamOnly = await GuaranteeHost.StartAsync(infrastructure, new NoFaults(), downstream: false);
        var runId = Guid.NewGuid();

        await upstreamOnly.Bus.Publish(Ingested(runId), c => c.MessageId = MessageIds.For(runId, "test", 0), TestContext.Current.CancellationToken);
        await Eventually.ReturnsAsync(() => upstreamOnly.CountAsync("SELECT count(*) FROM effect WHERE stage = 'upstream'"), n => n == 1, Patience, "the upstream effect");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Equal(1, await upstreamOnly.CountAsync("SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL"));

        // The downstream service is deployed later: its queue binds, and the waiting message reaches it.
        await using var downstreamOnly = await GuaranteeHost.StartAsync(infrastructure, new NoFaults(), upstream: false, broker: upstreamOnly.Broker);
        await Eventually.ReturnsAsync(() => downstreamOnly.CountAsync("SELECT count(*) FROM effect WHERE stage = 'downstream'"), n => n == 1, Patience, "the late downstream effect");
        await Eventually.ReturnsAsync(() => upstreamOnly.CountAsync("SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL"), n => n == 0, Patience, "the outbox to drain");
    }

    private static RunIngested Ingested(Guid runId) => new() { RunId = runId, BatchCount = 1, RowsRead = 1, RowsRejected = 0, Records = 1 };
}
