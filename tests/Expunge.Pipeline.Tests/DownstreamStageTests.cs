using Expunge.Contracts;
using Expunge.Eligibility;
using Expunge.Motions;
using Expunge.Notifications;
using Expunge.Persistence;
using Expunge.Testing;

namespace Expunge.Pipeline.Tests;

public sealed class DownstreamStageTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task Eligibility_stores_each_history_and_passes_every_person_on_as_pending()
    {
        infrastructure.Require();
        await using var stage = await StageHarness.StartAsync(infrastructure, "eligibility",
            (services, db) => services.AddEligibilityServices(db), EligibilityRegistration.AddConsumers);
        var run = Guid.NewGuid();
        var people = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var matched = new PersonHistoriesMatched
        {
            RunId = run, Sequence = 3,
            People = [.. people.Select((p, i) => new PersonHistory { PersonId = p, Records = [Records.Doj($"{i}")] })],
        };

        await stage.PublishAsync(matched, MessageIds.For(run, "matching", 3));
        await stage.ConsumedAsync<PersonHistoriesMatched>(MessageIds.For(run, "matching", 3));
        await stage.RelayAsync();

        Assert.Equal(2L, await stage.ScalarAsync<long>("SELECT count(*) FROM eligibility.person_history WHERE run_id = @run AND state = 'pending'", new { run }));
        Assert.Equal("DOE,JANE", await stage.ScalarAsync<string>(
            "SELECT history #>> '{records,0,identity,name}' FROM eligibility.person_history WHERE person_id = @p", new { p = people[0] }));
        var determined = Assert.Single(stage.Harness.Published.Select<ConvictionsDetermined>(TestContext.Current.CancellationToken)).Context.Message;
        Assert.Equal(3, determined.Sequence);
        Assert.Equal(people.Order(), determined.People.Select(p => p.PersonId).Order());
        Assert.All(determined.People, p => Assert.Equal(DeterminationState.Pending, p.State));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Motions_announces_the_run_once_when_it_has_every_batch_whichever_arrives_last(bool countFirst)
    {
        infrastructure.Require();
        await using var stage = await StageHarness.StartAsync(infrastructure, "motions",
            (services, db) => services.AddMotionsServices(db), MotionsRegistration.AddConsumers);
        var run = Guid.NewGuid();
        var batches = Enumerable.Range(0, 3).Select(seq => new ConvictionsDetermined
        {
            RunId = run, Sequence = seq,
            People = [new PersonDetermination { PersonId = Guid.NewGuid(), State = DeterminationState.Pending }],
        }).ToList();

        if (countFirst) await stage.PublishAsync(Records.Ingested(run, 3), MessageIds.For(run, "ingestion.run-ingested", 0));
        foreach (var batch in batches) await stage.PublishAsync(batch, MessageIds.For(run, "eligibility", batch.Sequence));
        if (!countFirst) await stage.PublishAsync(Records.Ingested(run, 3), MessageIds.For(run, "ingestion.run-ingested", 0));
        await Eventually.ReturnsAsync(() => stage.ScalarAsync<long>("SELECT count(*) FROM messaging.outbox"), n => n == 1,
            TimeSpan.FromSeconds(10), "the run-completed announcement");
        await stage.RelayAsync();

        var completed = Assert.Single(stage.Harness.Published.Select<RunCompleted>(TestContext.Current.CancellationToken)).Context.Message;
        Assert.Equal(3, completed.BatchCount);
        Assert.Equal(3, completed.People);
        Assert.Equal(3, completed.AwaitingDecision);
    }

    [Fact]
    public async Task Notifications_records_a_completed_run_once_for_operators()
    {
        infrastructure.Require();
        await using var stage = await StageHarness.StartAsync(infrastructure, "notifications",
            (services, db) => services.AddNotificationsServices(db), NotificationsRegistration.AddConsumers);
        var run = Guid.NewGuid();
        var completed = new RunCompleted { RunId = run, BatchCount = 2, People = 5, AwaitingDecision = 5, FilingPackages = 0 };

        await stage.PublishAsync(completed, MessageIds.For(run, "motions.run-completed", 0));
        await stage.ConsumedAsync<RunCompleted>(MessageIds.For(run, "motions.run-completed", 0));
        await stage.PublishAsync(completed, MessageIds.For(run, "motions.run-completed", 0));
        await Task.Delay(1000, TestContext.Current.CancellationToken); // room for a duplicate effect to show, were there one

        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT count(*) FROM notifications.operator_event WHERE run_id = @run", new { run }));
        Assert.Equal(5L, await stage.ScalarAsync<long>("SELECT (summary->>'people')::bigint FROM notifications.operator_event WHERE run_id = @run", new { run }));
        Assert.NotNull(await stage.ScalarAsync<DateTime?>("SELECT completed_at FROM messaging.run_stage WHERE run_id = @run", new { run }));
    }
}
