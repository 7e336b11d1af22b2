using Expunge.Contracts;
using Expunge.Eligibility;
using Expunge.Eligibility.Data;
using Expunge.EligibilityRules;
using Expunge.Motions;
using Expunge.Motions.Domain;
using Expunge.Notifications;
using Expunge.Notifications.Domain;
using Expunge.Persistence;
using Expunge.Security;
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
            People = [.. people.Select((p, i) => new PersonHistory { PersonId = p, Records = [Records.Doj($"{i}", i == 0 ? "DOE,JANE" : null)] })],
        };

        await stage.PublishAsync(matched, MessageIds.For(run, "matching", 3));
        await stage.ConsumedAsync<PersonHistoriesMatched>(MessageIds.For(run, "matching", 3));
        await stage.RelayAsync();

        Assert.Equal(2L, await stage.ScalarAsync<long>("SELECT count(*) FROM eligibility.person_history WHERE run_id = @run AND state = 'pending'", new { run }));
        // Stored encrypted: readable with the data key, and not in the clear.
        var stored = await stage.ScalarAsync<byte[]>("SELECT history FROM eligibility.person_history WHERE person_id = @p", new { p = people[0] });
        Assert.Equal("DOE,JANE", TestDataKeys.Cipher.OpenJson<PersonHistory>(stored, PersonHistoryStore.HistoryColumn).Records[0].Identity.Name);
        Assert.DoesNotContain("DOE,JANE", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        var determined = Assert.Single(stage.Harness.Published.Select<ConvictionsDetermined>(TestContext.Current.CancellationToken)).Context.Message;
        Assert.Equal(3, determined.Sequence);
        Assert.Equal(people.Order(), determined.People.Select(p => p.PersonId).Order());
        Assert.All(determined.People, p => Assert.Equal(DeterminationState.Pending, p.State));
    }

    [Fact]
    public async Task Eligibility_decides_with_the_run_policy_and_a_later_decision_supersedes_the_earlier_one_which_is_kept()
    {
        infrastructure.Require();
        await using var stage = await StageHarness.StartAsync(infrastructure, "eligibility",
            (services, db) => services.AddEligibilityServices(db), EligibilityRegistration.AddConsumers);
        var person = Guid.NewGuid();
        var history = new PersonHistory { PersonId = person, Records = [Records.DojFelony("77", "11359 HS-POSSESS FOR SALE", "20150101", sentenceYears: "10")] };
        var firstRun = Guid.NewGuid();
        var secondRun = Guid.NewGuid();

        // In 2020 the 10-year sentence is running: Hand Review, which opens a review item.
        await stage.PublishAsync(new PersonHistoriesMatched { RunId = firstRun, Sequence = 0, People = [history], RunPolicy = Records.LaPolicy("2020-07-01") },
            MessageIds.For(firstRun, "matching", 0));
        await stage.ConsumedAsync<PersonHistoriesMatched>(MessageIds.For(firstRun, "matching", 0));
        // Re-run with as-of 2030: the sentence has ended, so the decision changes and supersedes the first.
        await stage.PublishAsync(new PersonHistoriesMatched { RunId = secondRun, Sequence = 0, People = [history], RunPolicy = Records.LaPolicy("2030-07-01") },
            MessageIds.For(secondRun, "matching", 0));
        await stage.ConsumedAsync<PersonHistoriesMatched>(MessageIds.For(secondRun, "matching", 0));
        await stage.RelayAsync();

        var decisions = (await stage.RowsAsync<(long Id, string Reason, DateOnly AsOf, long? SupersededBy)>(
            "SELECT determination_id, reason_code, as_of, superseded_by FROM eligibility.determination ORDER BY determination_id")).ToList();
        Assert.Equal(2, decisions.Count);
        Assert.Equal((Reasons.ServingSentence, new DateOnly(2020, 7, 1), (long?)decisions[1].Id), (decisions[0].Reason, decisions[0].AsOf, decisions[0].SupersededBy));
        Assert.Equal((Reasons.OnlyProp64Completed, (long?)null), (decisions[1].Reason, decisions[1].SupersededBy));
        Assert.Equal("superseded", await stage.ScalarAsync<string>("SELECT status FROM eligibility.review_item WHERE determination_id = @id", new { id = decisions[0].Id }));
        var published = stage.Harness.Published.Select<ConvictionsDetermined>(TestContext.Current.CancellationToken).Select(m => m.Context.Message).ToList();
        Assert.Equal(2, published.Count);
        Assert.All(published, m => Assert.Equal(DeterminationState.Decided, Assert.Single(m.People).State));
        Assert.Contains(published, m => m.People[0].Convictions.Single().Determination == Determinations.HandReview);
    }

    [Fact]
    public async Task An_operator_overrides_a_hand_review_decision_and_who_when_and_why_are_kept()
    {
        infrastructure.Require();
        await using var stage = await StageHarness.StartAsync(infrastructure, "eligibility",
            (services, db) => services.AddEligibilityServices(db), EligibilityRegistration.AddConsumers);
        var run = Guid.NewGuid();
        var history = new PersonHistory { PersonId = Guid.NewGuid(), Records = [Records.DojFelony("78", "11359 HS", "20150101", sentenceYears: "10")] };
        await stage.PublishAsync(new PersonHistoriesMatched { RunId = run, Sequence = 0, People = [history], RunPolicy = Records.LaPolicy("2020-07-01") },
            MessageIds.For(run, "matching", 0));
        await stage.ConsumedAsync<PersonHistoriesMatched>(MessageIds.For(run, "matching", 0));
        var store = stage.Service<DeterminationStore>();
        var open = Assert.Single(await store.ReviewQueueAsync("open", 10, TestContext.Current.CancellationToken));

        var result = await store.ResolveAsync(open.Item.DeterminationId, "a.reviewer", "sentence recalled in 2019 (court minute order)",
            Determinations.EligibleForDismissal, TestContext.Current.CancellationToken);
        var again = await store.ResolveAsync(open.Item.DeterminationId, "someone.else", "late", null, TestContext.Current.CancellationToken);

        Assert.Equal(DeterminationStore.ReviewResult.Done, result);
        Assert.Equal(DeterminationStore.ReviewResult.NotOpen, again);
        var resolved = Assert.Single(await store.ReviewQueueAsync("overridden", 10, TestContext.Current.CancellationToken));
        Assert.Equal(("a.reviewer", "sentence recalled in 2019 (court minute order)"), (resolved.Item.ResolvedBy, resolved.Item.ResolutionNote));
        var current = Assert.Single(await store.CurrentForRunAsync(run, TestContext.Current.CancellationToken));
        Assert.Equal((Determinations.EligibleForDismissal, DeterminationStore.OperatorOverride, "a.reviewer"), (current.Determination, current.ReasonCode, current.DecidedBy));
        Assert.Equal(2L, await stage.ScalarAsync<long>("SELECT count(*) FROM eligibility.determination"));
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
        // The run is announced by the filing worker once its packages exist (none here: no one is decided yet).
        await Eventually.ReturnsAsync(() => stage.ScalarAsync<long>("SELECT count(*) FROM messaging.outbox"), n => n == 1,
            TimeSpan.FromSeconds(10), "the run-completed announcement");
        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT count(*) FROM motions.filing_request WHERE completed_at IS NOT NULL AND packages = 0"));
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
            (services, db) => services.AddNotificationsServices(db, new DeliverySettings()), NotificationsRegistration.AddConsumers);
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
