using Expunge.Contracts;
using Expunge.Matching;
using Expunge.Matching.Data;
using Expunge.Persistence;
using Expunge.Testing;

namespace Expunge.Pipeline.Tests;

public sealed class MatchingStageTests(Infrastructure infrastructure)
{
    private Task<StageHarness> StartAsync() => StageHarness.StartAsync(infrastructure, "matching",
        (services, db) => services.AddMatchingServices(db), MatchingRegistration.AddConsumers);

    [Fact]
    public async Task Every_source_record_gets_a_person_and_keeps_that_person_in_a_later_run()
    {
        infrastructure.Require();
        await using var stage = await StartAsync();
        var firstRun = Guid.NewGuid();
        var secondRun = Guid.NewGuid();

        await stage.PublishAsync(Records.Batch(firstRun, 0, "100", "200"), MessageIds.For(firstRun, "ingestion", 0));
        await stage.ConsumedAsync<SourceRecordsIngested>(MessageIds.For(firstRun, "ingestion", 0));
        await stage.PublishAsync(Records.Batch(secondRun, 0, "100", "300"), MessageIds.For(secondRun, "ingestion", 0));
        await stage.ConsumedAsync<SourceRecordsIngested>(MessageIds.For(secondRun, "ingestion", 0));
        await stage.RelayAsync();

        var first = Matched(stage, firstRun);
        var second = Matched(stage, secondRun);
        Assert.Equal(2, first.People.Count);
        Assert.Equal(PersonOf(first, "100"), PersonOf(second, "100"));
        Assert.NotEqual(PersonOf(second, "100"), PersonOf(second, "300"));
        Assert.Equal(3L, await stage.ScalarAsync<long>("SELECT count(*) FROM matching.person"));
        // The second run's links list every record it brought, the one an earlier run linked included.
        var links = await stage.Service<PersonLinks>().ForRunAsync(secondRun, TestContext.Current.CancellationToken);
        Assert.Equal([("100", PersonOf(second, "100")), ("300", PersonOf(second, "300"))], links.Select(l => (l.SourceRecordId, l.PersonId)));
    }

    [Fact]
    public async Task One_input_batch_becomes_exactly_one_output_batch_with_the_same_run_and_sequence()
    {
        infrastructure.Require();
        await using var stage = await StartAsync();
        var run = Guid.NewGuid();

        await stage.PublishAsync(Records.Batch(run, 7, "100", "200", "300"), MessageIds.For(run, "ingestion", 7));
        await stage.ConsumedAsync<SourceRecordsIngested>(MessageIds.For(run, "ingestion", 7));
        await stage.RelayAsync();

        var published = Assert.Single(stage.Harness.Published.Select<PersonHistoriesMatched>(TestContext.Current.CancellationToken));
        Assert.Equal(MessageIds.For(run, "matching", 7), published.Context.MessageId);
        Assert.Equal(7, published.Context.Message.Sequence);
        Assert.Equal(["100", "200", "300"], published.Context.Message.People.SelectMany(p => p.Records).Select(r => r.SourceRecordId).Order());
    }

    [Fact]
    public async Task A_redelivered_batch_links_once_and_passes_on_once()
    {
        infrastructure.Require();
        await using var stage = await StartAsync();
        var run = Guid.NewGuid();
        var id = MessageIds.For(run, "ingestion", 0);

        await stage.PublishAsync(Records.Batch(run, 0, "100"), id);
        await stage.ConsumedAsync<SourceRecordsIngested>(id);
        await stage.PublishAsync(Records.Batch(run, 0, "100"), id);
        await Task.Delay(1000, TestContext.Current.CancellationToken); // room for a duplicate effect to show, were there one

        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT count(*) FROM messaging.outbox"));
        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT count(*) FROM matching.source_link"));
        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT processed_batches FROM messaging.run_stage"));
    }

    private static PersonHistoriesMatched Matched(StageHarness stage, Guid runId) =>
        stage.Harness.Published.Select<PersonHistoriesMatched>(m => m.Context.Message.RunId == runId).Single().Context.Message;

    private static Guid PersonOf(PersonHistoriesMatched batch, string subjectId) =>
        batch.People.Single(p => p.Records.Any(r => r.SourceRecordId == subjectId)).PersonId;
}
