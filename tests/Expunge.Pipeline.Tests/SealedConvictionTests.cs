using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Eligibility.Domain;
using Expunge.EligibilityRules;
using DojColumns = Expunge.Doj.DojColumns;

namespace Expunge.Pipeline.Tests;

/// <summary>A sealed conviction is off the sheet when a person is decided again: not decided, and no one's prior (pure).</summary>
public sealed class SealedConvictionTests
{
    /// <summary>Two LA felonies of one DOJ subject: a 1995 11359 (CNT_ORDER 001…) and a 2001 11360 (002…).</summary>
    private static PersonHistory TwoConvictions()
    {
        var first = Records.DojFelony("91", "11359 HS-POSSESS FOR SALE", "19950301", sentenceYears: "1", dob: "19600101");
        var later = Records.DojFelony("91", "11360 HS-TRANSPORT MARIJUANA", "20010601", sentenceYears: "1", dob: "19600101");
        var laterFields = later.Rows[0].Fields.ToArray();
        laterFields[DojColumns.CountOrder] = "002001001000";
        return new PersonHistory
        {
            PersonId = Guid.NewGuid(),
            Records = [first with { Rows = [first.Rows[0], later.Rows[0] with { Line = 3, Fields = laterFields }] }],
        };
    }

    [Fact]
    public void The_later_conviction_counts_the_first_as_a_prior_until_the_first_is_sealed()
    {
        var person = TwoConvictions();
        var policy = PolicyFile.Parse(Records.LaPolicy("2020-07-01"));

        var before = PersonDecisions.Decide(person, policy, []);
        Assert.Equal(2, before.Decisions.Count);
        Assert.Equal(1, before.Decisions.Single(d => d.ConvictionKey == "002001001000").Decision.Facts.PriorConvictions);

        var sealedFirst = new ConvictionReport { Source = "doj", SourceRecordId = "91", Reference = "001002001000" };
        var after = PersonDecisions.Decide(person, policy, [], [sealedFirst]);
        var only = Assert.Single(after.Decisions);
        Assert.Equal("002001001000", only.ConvictionKey);
        Assert.Equal(0, only.Decision.Facts.PriorConvictions);
    }

    [Fact]
    public void Purging_takes_every_DOJ_row_of_the_sealed_count_and_nothing_else()
    {
        var record = TwoConvictions().Records[0];
        var sentenceRow = record.Rows[0] with { Line = 4 };
        record = record with { Rows = [.. record.Rows, sentenceRow] };
        var sealedFirst = new ConvictionReport { Source = "doj", SourceRecordId = "91", Reference = "001002001000" };

        var kept = SealedRows.Without(record, [sealedFirst]);
        Assert.Equal([3L], kept.Rows.Select(r => r.Line));
        // Reports about another subject, or another source, leave the record as it was.
        Assert.Same(record, SealedRows.Without(record, [sealedFirst with { SourceRecordId = "92" }, sealedFirst with { Source = "court" }]));
    }
}
