using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Dapper;
using Expunge.Contracts;
using Expunge.Eligibility;
using Expunge.EligibilityRules;
using Expunge.Motions;
using Expunge.Motions.Data;
using Expunge.Motions.Domain;
using Expunge.Persistence;
using Expunge.Testing;

namespace Expunge.Pipeline.Tests;

/// <summary>Motions turning decisions into filing packages, and the court's answers back to eligibility.</summary>
public sealed class FilingStageTests(Infrastructure infrastructure)
{
    private const string Court = "SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES";
    private const string DistrictAttorney = "LOS ANGELES COUNTY DISTRICT ATTORNEY";
    private const string CityAttorney = "LOS ANGELES CITY ATTORNEY";

    private static ConvictionDetermination Decided(string subject, string determination, string agency = DistrictAttorney, string? name = null) => new()
    {
        Source = "doj", SourceRecordId = subject, CntOrder = "001002001000", County = "LOS ANGELES", Section = "11359",
        Determination = determination, ReasonCode = determination == Determinations.EligibleForDismissal ? "AGE_THRESHOLD" : "NO_CRITERIA",
        Policy = "la-2020", PolicyVersion = 1,
        Filing = new ConvictionFiling
        {
            CourtCaseNumber = $"BA{subject}", CountNumber = "1", Court = Court, ProsecutingAgency = agency, DefendantName = name ?? $"DOE,JANE {subject}",
            DateOfBirth = "1960-01-01", CiiNumber = $"A{subject}", CodeSection = "11359 HS", Level = "felony", ConvictionDate = "1990-05-01",
            Reason = "50 years or older", Relief = determination == Determinations.EligibleForDismissal ? Reliefs.DismissAndSeal : "",
            LegalBasis = "H&S 11361.8, 11361.9; la-2020 policy v1: 50 years or older", Sources = "doj",
        },
    };

    private static PersonDetermination Person(Guid id, params ConvictionDetermination[] convictions) =>
        new() { PersonId = id, State = DeterminationState.Decided, Convictions = convictions };

    private static Task<StageHarness> MotionsAsync(Infrastructure infrastructure) =>
        StageHarness.StartAsync(infrastructure, "motions", (services, db) => services.AddMotionsServices(db), MotionsRegistration.AddConsumers);

    /// <summary>Sends a whole run of one batch to motions and waits until the filing worker has announced it.</summary>
    private static async Task<Guid> RunAsync(StageHarness stage, params PersonDetermination[] people)
    {
        var run = Guid.NewGuid();
        await stage.PublishAsync(new ConvictionsDetermined { RunId = run, Sequence = 0, People = people }, MessageIds.For(run, "eligibility", 0));
        await stage.PublishAsync(Records.Ingested(run, 1), MessageIds.For(run, "ingestion.run-ingested", 0));
        await Eventually.ReturnsAsync(() => stage.ScalarAsync<long>("SELECT count(*) FROM motions.filing_request WHERE run_id = @run AND completed_at IS NOT NULL", new { run }),
            n => n == 1, TimeSpan.FromSeconds(20), "the run's packages");
        return run;
    }

    [Fact]
    public async Task A_completed_run_gets_one_package_per_court_and_agency_and_is_announced_after_them()
    {
        infrastructure.Require();
        await using var stage = await MotionsAsync(infrastructure);
        var run = await RunAsync(stage,
            Person(Guid.NewGuid(), Decided("101", Determinations.EligibleForDismissal), Decided("102", Determinations.HandReview)),
            Person(Guid.NewGuid(), Decided("103", Determinations.EligibleForDismissal, name: "NGUYỄN,VĂN")),
            Person(Guid.NewGuid(), Decided("104", Determinations.CityAttorneys, CityAttorney)));

        var packages = (await stage.Service<FilingStore>().PackagesAsync(run, null, 10, TestContext.Current.CancellationToken)).OrderBy(p => p.Agency).ToList();
        Assert.Equal([(CityAttorney, 1, 0), (DistrictAttorney, 3, 2)], packages.Select(p => (p.Agency, p.Rows, p.EligibleRows)));
        var da = packages[1];
        Assert.Equal(["motion.pdf", "proposed-order.pdf", "exhibit-a.pdf", "exhibit-a.csv", "hand-review.csv", "hand-review.pdf"], da.Documents.Select(d => d.Name));
        var csv = (await stage.Service<FilingStore>().DocumentAsync(da.PackageId, "exhibit-a.csv", TestContext.Current.CancellationToken))!.Value.Content;
        var lines = Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // header and the two eligible convictions
        Assert.Contains(lines, l => l.Contains("NGUYỄN,VĂN", StringComparison.Ordinal));

        await stage.RelayAsync();
        var generated = stage.Harness.Published.Select<FilingGenerated>(TestContext.Current.CancellationToken).Select(m => m.Context.Message).ToList();
        Assert.Equal(packages.Select(p => p.PackageId).Order(), generated.Select(g => g.PackageId).Order());
        var completed = Assert.Single(stage.Harness.Published.Select<RunCompleted>(TestContext.Current.CancellationToken)).Context.Message;
        Assert.Equal(2, completed.FilingPackages);
    }

    [Fact]
    public async Task A_person_decided_again_without_a_conviction_withdraws_it_and_a_later_package_leaves_it_out()
    {
        infrastructure.Require();
        await using var stage = await MotionsAsync(infrastructure);
        var person = Guid.NewGuid();
        await RunAsync(stage, Person(person, Decided("201", Determinations.EligibleForDismissal), Decided("202", Determinations.EligibleForDismissal)));
        // Merged into another person: that person now stands for 201 only, and 202 was found to be a duplicate report.
        var survivor = Guid.NewGuid();
        var second = await RunAsync(stage, new PersonDetermination
        {
            PersonId = survivor, State = DeterminationState.Decided, Convictions = [Decided("201", Determinations.EligibleForDismissal)], ReplacesPersonIds = [person],
        });

        Assert.Equal("withdrawn", await stage.ScalarAsync<string>("SELECT status FROM motions.conviction WHERE source_record_id = '202'"));
        Assert.Equal(survivor, await stage.ScalarAsync<Guid>("SELECT person_id FROM motions.conviction WHERE source_record_id = '201'"));
        var package = Assert.Single(await stage.Service<FilingStore>().PackagesAsync(second, null, 10, TestContext.Current.CancellationToken));
        Assert.Equal(1, package.EligibleRows);
    }

    [Fact]
    public async Task The_courts_answers_grant_accepted_rows_and_send_rejected_rows_back_to_review_once()
    {
        infrastructure.Require();
        await using var stage = await MotionsAsync(infrastructure);
        var run = await RunAsync(stage, Person(Guid.NewGuid(), Decided("301", Determinations.EligibleForDismissal)),
            Person(Guid.NewGuid(), Decided("302", Determinations.EligibleForDismissal)));
        var package = Assert.Single(await stage.Service<FilingStore>().PackagesAsync(run, null, 10, TestContext.Current.CancellationToken));
        var (accepted, rejected) = (FilingRowIds.Of("doj", "301", "001002001000"), FilingRowIds.Of("doj", "302", "001002001000"));
        var responses = stage.Service<CourtResponses>();

        var unknown = await responses.RecordAsync(package.PackageId, [new CourtAnswer("RNOTAROW00000", true, null)], "clerk", TestContext.Current.CancellationToken);
        Assert.Equal(["RNOTAROW00000"], unknown!.UnknownRows);
        Assert.Equal(0L, await stage.ScalarAsync<long>("SELECT count(*) FROM motions.court_response"));

        var outcome = await responses.RecordAsync(package.PackageId,
            [new CourtAnswer(accepted, true, null), new CourtAnswer(rejected, false, "case sealed in 2019")], "clerk", TestContext.Current.CancellationToken);
        Assert.Equal((1, 1, 0), (outcome!.Accepted, outcome.Rejected, outcome.AlreadyAnswered));
        var again = await responses.RecordAsync(package.PackageId, [new CourtAnswer(rejected, true, null)], "clerk", TestContext.Current.CancellationToken);
        Assert.Equal(1, again!.AlreadyAnswered);

        Assert.Equal("granted", await stage.ScalarAsync<string>("SELECT status FROM motions.conviction WHERE row_id = @accepted", new { accepted }));
        Assert.Equal("rejected", await stage.ScalarAsync<string>("SELECT status FROM motions.conviction WHERE row_id = @rejected", new { rejected }));
        await stage.RelayAsync();
        var sent = Assert.Single(stage.Harness.Published.Select<FilingRowsRejected>(TestContext.Current.CancellationToken)).Context.Message;
        Assert.Equal(("302", "case sealed in 2019"), (Assert.Single(sent.Rows).SourceRecordId, sent.Rows[0].Reason));
    }

    [Fact]
    public async Task Only_what_changed_since_the_last_request_is_filed_again_and_an_operators_override_is_among_it_and_the_schedule_files_nothing_unchanged()
    {
        infrastructure.Require();
        await using var stage = await MotionsAsync(infrastructure);
        var person = Guid.NewGuid();
        await RunAsync(stage, Person(person, Decided("401", Determinations.EligibleForDismissal), Decided("402", Determinations.HandReview)));
        var store = stage.Service<FilingStore>();
        var first = await store.RequestAsync(null, "a.analyst", TestContext.Current.CancellationToken);
        await Eventually.ReturnsAsync(async () => (await store.FindRequestAsync(first, TestContext.Current.CancellationToken))!.CompletedAt, c => c is not null,
            TimeSpan.FromSeconds(20), "the first since-last request");
        Assert.Null(await store.RequestChangesSinceLastAsync("schedule", TestContext.Current.CancellationToken));

        var revised = Decided("402", Determinations.EligibleForDismissal) with { ReasonCode = "OPERATOR_OVERRIDE" };
        var revisionId = Guid.NewGuid();
        await stage.PublishAsync(new DeterminationRevised { PersonId = person, Conviction = revised, RevisedBy = "a.reviewer" }, revisionId);
        await stage.ConsumedAsync<DeterminationRevised>(revisionId);
        var second = Assert.NotNull(await store.RequestChangesSinceLastAsync("schedule", TestContext.Current.CancellationToken));
        stage.Service<FilingRequestedSignal>().Notify();
        await Eventually.ReturnsAsync(async () => (await store.FindRequestAsync(second, TestContext.Current.CancellationToken))!.CompletedAt, c => c is not null,
            TimeSpan.FromSeconds(20), "the second since-last request");

        var rows = await stage.RowsAsync<string>("""
            SELECT r.source_record_id FROM motions.package_row r JOIN motions.package p USING (package_id) WHERE p.request_id = @second
            """, new { second });
        Assert.Equal(["402"], rows);
    }

    [Fact]
    public async Task The_schedule_files_what_was_decided_since_the_last_package_once_and_nothing_while_nothing_changes()
    {
        infrastructure.Require();
        await using var stage = await StageHarness.StartAsync(infrastructure, "motions", (services, db) => services
            .AddSingleton(new FilingScheduleSettings(TimeSpan.FromMilliseconds(300))).AddMotionsServices(db), MotionsRegistration.AddConsumers);
        await RunAsync(stage, Person(Guid.NewGuid(), Decided("501", Determinations.EligibleForDismissal)));

        const string Scheduled = "SELECT count(*) FROM motions.filing_request WHERE requested_by = 'schedule' AND completed_at IS NOT NULL";
        await Eventually.ReturnsAsync(() => stage.ScalarAsync<long>(Scheduled), (long n) => n >= 1, TimeSpan.FromSeconds(20), "the scheduled request");
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken); // five more ticks, nothing new decided
        Assert.Equal(1L, await stage.ScalarAsync<long>(Scheduled));
        var rows = await stage.RowsAsync<string>("""
            SELECT r.source_record_id FROM motions.package_row r JOIN motions.package p USING (package_id)
            JOIN motions.filing_request q USING (request_id) WHERE q.requested_by = 'schedule'
            """);
        Assert.Contains("501", rows);
    }

    [Fact]
    public async Task A_row_the_court_rejected_returns_to_hand_review_with_the_courts_reason()
    {
        infrastructure.Require();
        await using var stage = await StageHarness.StartAsync(infrastructure, "eligibility",
            (services, db) => services.AddEligibilityServices(db), EligibilityRegistration.AddConsumers);
        var person = Guid.NewGuid();
        var run = Guid.NewGuid();
        var history = new PersonHistory { PersonId = person, Records = [Records.DojFelony("77", "11359 HS-POSSESS FOR SALE", "19900101", sentenceYears: "1", dob: "19500101")] };
        await stage.PublishAsync(new PersonHistoriesMatched { RunId = run, Sequence = 0, People = [history], RunPolicy = Records.LaPolicy("2020-07-01") },
            MessageIds.For(run, "matching", 0));
        await stage.ConsumedAsync<PersonHistoriesMatched>(MessageIds.For(run, "matching", 0));
        Assert.Equal(Determinations.EligibleForDismissal, await stage.ScalarAsync<string>("SELECT determination FROM eligibility.determination WHERE source_record_id = '77'"));

        var rejection = new FilingRowsRejected
        {
            PackageId = Guid.NewGuid(),
            Rows = [new RejectedFilingRow { RowId = "R1", Source = "doj", SourceRecordId = "77", CntOrder = "001002001000", Reason = "sealed by the court in 2019" }],
        };
        await stage.PublishAsync(rejection, rejection.PackageId);
        await stage.ConsumedAsync<FilingRowsRejected>(rejection.PackageId);

        var current = (await stage.RowsAsync<(string Determination, string ReasonCode, string DecidedBy)>("""
            SELECT determination, reason_code, decided_by FROM eligibility.determination WHERE source_record_id = '77' AND superseded_by IS NULL
            """)).Single();
        Assert.Equal((Determinations.HandReview, "COURT_REJECTED", "court"), current);
        Assert.Equal(1L, await stage.ScalarAsync<long>("""
            SELECT count(*) FROM eligibility.review_item r JOIN eligibility.determination d USING (determination_id)
            WHERE r.status = 'open' AND d.reason_code = 'COURT_REJECTED'
            """));
        await stage.RelayAsync();
        var revised = stage.Harness.Published.Select<DeterminationRevised>(TestContext.Current.CancellationToken).Single().Context.Message;
        Assert.Equal((Determinations.HandReview, "Rejected by the court: sealed by the court in 2019"), (revised.Conviction.Determination, revised.Conviction.Filing!.Reason));
        Assert.Equal("", revised.Conviction.Filing.Relief);
    }
}
