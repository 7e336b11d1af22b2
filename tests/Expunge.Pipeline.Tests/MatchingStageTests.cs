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

    [Fact]
    public async Task A_court_case_and_a_doj_subject_of_one_person_become_one_person_across_runs()
    {
        infrastructure.Require();
        await using var stage = await StartAsync();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        await LinkAsync(stage, People.Batch(first, People.Doj("500", "TORRES-VEGA,ANA M", "19900105", "A1234567")));
        await LinkAsync(stage, People.Batch(second, People.Court("BA123456", "TORRES VEGA", "ANITA", "1990-01-05")));
        await stage.RelayAsync();

        var person = Assert.Single(Matched(stage, second).People);
        Assert.Equal(["court", "doj"], person.Records.Select(r => r.Source));
        Assert.Equal(PersonOf(Matched(stage, first), "500"), person.PersonId);
    }

    [Fact]
    public async Task A_question_about_a_conviction_two_people_report_is_asked_first_and_the_conviction_is_decided_once_until_it_is_answered()
    {
        infrastructure.Require();
        await using var stage = await StartAsync();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        // DOJ and the court report one conviction (the court's case number, count and date), but their CII numbers
        // name two people: the model must not join them, so it asks.
        await LinkAsync(stage, People.Batch(first, People.DojConviction("800", "QUINTERO,ROSA", "19850303", "A7654321", "BA-0777777", "20100301")));
        await LinkAsync(stage, People.Batch(second, People.CourtConviction("BA777777", "QUINTERO", "ROSA", "1985-03-03", "A1111999", "2010-03-01")));
        await stage.RelayAsync();

        Assert.Equal(2L, await stage.ScalarAsync<long>("SELECT count(DISTINCT person_id) FROM matching.source_link"));
        var pair = Assert.Single(await stage.Service<ReviewPairs>().ListAsync("open", 10, TestContext.Current.CancellationToken));
        Assert.Equal(("800", "BA777777", 1), (pair.ARecordId, pair.BRecordId, pair.Shared));
        // The court's person defers its report to DOJ's person while the question is open: the conviction is decided once.
        var court = Assert.Single(Matched(stage, second).People);
        var deferred = Assert.Single(court.DeferredReports);
        Assert.Equal(("court", "BA777777", "BA777777#1"), (deferred.Source, deferred.SourceRecordId, deferred.Reference));

        // Answered (one person), nothing is deferred any more: the merged person decides the conviction, once.
        var (outcome, correction) = await stage.Service<ReviewPairs>().DecideAsync(pair.PairId, link: true, "test.operator", "same fingerprint card", TestContext.Current.CancellationToken);
        await stage.RelayAsync();
        Assert.Equal(ReviewPairs.Outcome.Done, outcome);
        var merged = Assert.Single(Matched(stage, correction!.Value).People);
        Assert.Equal(2, merged.Records.Count);
        Assert.Empty(merged.DeferredReports);
    }

    [Fact]
    public async Task A_record_that_bridges_two_people_merges_them_and_an_operator_can_split_them_again()
    {
        infrastructure.Require();
        await using var stage = await StartAsync();
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Known by name and date of birth only; then by CII and name only (no date: not enough to link the two).
        await LinkAsync(stage, People.Batch(first, People.Court("LA1", "QUINTERO", "ROSA", "1985-03-03")));
        await LinkAsync(stage, People.Batch(second, People.Doj("900", "QUINTERO,ROSA", null, "A7654321")));
        Assert.Equal(2L, await stage.ScalarAsync<long>("SELECT count(DISTINCT person_id) FROM matching.source_link"));
        // A record with the date of birth and the CII is both of them.
        await LinkAsync(stage, People.Batch(third, People.Court("LA2", "QUINTERO", "ROSA", "1985-03-03", "A7654321")));
        await stage.RelayAsync();

        var merged = Assert.Single(Matched(stage, third).People);
        Assert.Equal(3, merged.Records.Count);
        Assert.Single(merged.ReplacesPersonIds);
        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT count(DISTINCT person_id) FROM matching.source_link"));
        Assert.Equal(1L, await stage.ScalarAsync<long>("SELECT count(*) FROM matching.person WHERE merged_into IS NOT NULL"));

        // The pair the second batch could not decide is kept: its records hold no conviction, so its answer changes
        // nothing and the model's answer stands (auto); an operator who looks may still answer it: two people.
        var pairs = await stage.Service<ReviewPairs>().ListAsync("auto", 10, TestContext.Current.CancellationToken);
        var pair = Assert.Single(pairs, p => p.ARecordId == "LA1" && p.BRecordId == "900");
        Assert.Empty(await stage.Service<ReviewPairs>().ListAsync("open", 10, TestContext.Current.CancellationToken));
        Assert.Contains(pair.Evidence, e => e.Field == "Surname" && e.Weight > 0);
        var (outcome, correction) = await stage.Service<ReviewPairs>().DecideAsync(pair.PairId, link: false, "test.operator", "different mothers' names on the court files", TestContext.Current.CancellationToken);
        await stage.RelayAsync();

        Assert.Equal(ReviewPairs.Outcome.Done, outcome);
        Assert.Equal(2L, await stage.ScalarAsync<long>("SELECT count(DISTINCT person_id) FROM matching.source_link"));
        Assert.NotEqual(
            await stage.ScalarAsync<Guid>("SELECT person_id FROM matching.source_link WHERE source_record_id = 'LA1'"),
            await stage.ScalarAsync<Guid>("SELECT person_id FROM matching.source_link WHERE source_record_id = '900'"));
        Assert.Equal(2, Matched(stage, correction!.Value).People.Count);
        Assert.Equal("split", await stage.ScalarAsync<string>("SELECT status FROM matching.review_pair WHERE pair_id = " + pair.PairId));

        // A later record that looks like both does not join them again: the operator's decision stands.
        await LinkAsync(stage, People.Batch(Guid.NewGuid(), People.Court("LA3", "QUINTERO", "ROSA", "1985-03-03", "A7654321")));
        Assert.NotEqual(
            await stage.ScalarAsync<Guid>("SELECT person_id FROM matching.source_link WHERE source_record_id = 'LA1'"),
            await stage.ScalarAsync<Guid>("SELECT person_id FROM matching.source_link WHERE source_record_id = '900'"));
    }

    [Fact]
    public async Task A_record_sent_again_with_another_identity_is_found_by_its_new_identity_and_keeps_its_person()
    {
        infrastructure.Require();
        await using var stage = await StartAsync();
        await LinkAsync(stage, People.Batch(Guid.NewGuid(), People.Court("LA1", "QUINTERO", "ROSA", "1985-03-03")));
        var person = await stage.ScalarAsync<Guid>("SELECT person_id FROM matching.source_link WHERE source_record_id = 'LA1'");

        // The court corrects the defendant's name and date of birth on its case.
        await LinkAsync(stage, People.Batch(Guid.NewGuid(), People.Court("LA1", "ZAMORA", "ELENA", "1970-11-21")));
        await LinkAsync(stage, People.Batch(Guid.NewGuid(), People.Court("LA9", "ZAMORA", "ELENA", "1970-11-21")));

        Assert.Equal(person, await stage.ScalarAsync<Guid>("SELECT person_id FROM matching.source_link WHERE source_record_id = 'LA1'"));
        Assert.Equal(person, await stage.ScalarAsync<Guid>("SELECT person_id FROM matching.source_link WHERE source_record_id = 'LA9'"));
    }

    private static async Task LinkAsync(StageHarness stage, SourceRecordsIngested batch)
    {
        var id = MessageIds.For(batch.RunId, "ingestion", batch.Sequence);
        await stage.PublishAsync(batch, id);
        await stage.ConsumedAsync<SourceRecordsIngested>(id);
    }

    private static PersonHistoriesMatched Matched(StageHarness stage, Guid runId) =>
        stage.Harness.Published.Select<PersonHistoriesMatched>(m => m.Context.Message.RunId == runId).Single().Context.Message;

    private static Guid PersonOf(PersonHistoriesMatched batch, string subjectId) =>
        batch.People.Single(p => p.Records.Any(r => r.SourceRecordId == subjectId)).PersonId;
}
