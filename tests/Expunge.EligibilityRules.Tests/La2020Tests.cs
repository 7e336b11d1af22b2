namespace Expunge.EligibilityRules.Tests;

/// <summary>la-2020, step by step, with each step's boundaries (eligibility.md). As-of 2020-07-01 unless named.</summary>
public sealed class La2020Tests
{
    private static (string Determination, string Reason) Decide(Record record, La2020Policy? policy = null)
    {
        var d = record.DecisionFor(policy ?? Policies.La());
        return (d.Determination, d.ReasonCode);
    }

    /// <summary>The decision for the last conviction added.</summary>
    private static (string Determination, string Reason) Decision(Record record)
    {
        var d = record.DecisionFor(Policies.La(), record.LastCount);
        return (d.Determination, d.ReasonCode);
    }

    // A felony 11359 that no earlier step stops; people born in 1990 are under 50 and were over 21 in 2015.
    private static Record Felony(string charge = "11359 HS", string on = "20150101", string dob = "19900101") =>
        Record.Born(dob).Convicted(charge, on, sentence: "1 D");

    [Fact]
    public void Step1_a_misdemeanor_goes_to_the_city_attorneys() =>
        Assert.Equal((Determinations.CityAttorneys, Reasons.MisdemeanorCityAttorney),
            Decide(Record.Born("19900101").Convicted("11357(C) HS", "20150101", felony: false)));

    [Fact]
    public void Only_convictions_in_the_run_county_are_decided_and_others_are_history()
    {
        var decisions = Record.Born("19900101").Convicted("11359 HS", "20150101", county: "ORANGE").Decide(Policies.La());

        Assert.Empty(decisions);
    }

    [Fact]
    public void Dismissed_counts_and_other_offenses_are_not_decided()
    {
        var decisions = Record.Born("19900101")
            .Convicted("11359 HS", "20150101", disposition: "DISMISSED/CHARGE DROPPED")
            .Convicted("459 PC", "20150101")
            .Decide(Policies.La());

        Assert.Empty(decisions);
    }

    [Theory]
    [InlineData("20161109", true)]
    [InlineData("20161108", false)]
    public void Step2_on_or_after_9_November_2016_is_not_eligible(string date, bool after) =>
        Assert.Equal(after, Decide(Felony(on: date)).Reason == Reasons.AfterProp64);

    [Theory]
    [InlineData("20161100")]
    [InlineData("20160000")]
    public void Step2_a_partial_date_straddling_the_day_is_hand_review(string date) =>
        Assert.Equal((Determinations.HandReview, Reasons.UnknownDate), Decide(Felony(on: date)));

    [Fact]
    public void Step2_a_partial_date_wholly_after_is_settled() =>
        Assert.Equal(Reasons.AfterProp64, Decide(Felony(on: "20161200")).Reason);

    [Theory]
    [InlineData("11357(A) HS", Determinations.EligibleForDismissal, Reasons.Subsection11357AB)]
    [InlineData("11357(B) HS", Determinations.EligibleForDismissal, Reasons.Subsection11357AB)]
    [InlineData("11357B2 HS", Determinations.EligibleForDismissal, Reasons.Subsection11357AB)]
    [InlineData("664/11357(A) HS", Determinations.EligibleForDismissal, Reasons.Subsection11357AB)]
    [InlineData("11357(C) HS", Determinations.HandReview, Reasons.Other11357)]
    [InlineData("11357 HS", Determinations.HandReview, Reasons.Other11357)]
    public void Step3_a_felony_11357_is_dismissed_for_a_or_b_and_reviewed_otherwise(string charge, string determination, string reason) =>
        Assert.Equal((determination, reason), Decide(Felony(charge)));

    [Fact]
    public void Step4_a_superstrike_before_the_conviction_in_any_county_makes_it_not_eligible() =>
        Assert.Equal((Determinations.NotEligible, Reasons.Superstrike),
            Decide(Record.Born("19900101").Convicted("187 PC", "20100101", county: "ORANGE").Convicted("11359 HS", "20150101", sentence: "1 D")));

    [Theory]
    [InlineData("20150101")]
    [InlineData("20150102")]
    public void Step4_a_superstrike_the_same_day_or_later_is_not_a_prior(string date)
    {
        var record = Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D").Convicted("187 PC", date);

        Assert.NotEqual(Reasons.Superstrike, Decide(record).Reason);
    }

    [Fact]
    public void Step4_a_superstrike_with_a_partial_date_straddling_the_conviction_is_hand_review() =>
        Assert.Equal((Determinations.HandReview, Reasons.UnknownDate),
            Decide(Record.Born("19900101").Convicted("187 PC", "20150000").Convicted("11359 HS", "20150601", sentence: "1 D")));

    [Fact]
    public void Step4_a_gang_pair_in_one_code_string_is_a_superstrike() =>
        Assert.Equal(Reasons.Superstrike,
            Decide(Record.Born("19900101").Convicted("246/186.22(B)(4) PC", "20100101").Convicted("11359 HS", "20150101", sentence: "1 D")).Reason);

    [Fact]
    public void Step4_a_gang_pair_as_two_convictions_of_one_case_is_a_superstrike_dated_by_the_later()
    {
        var record = Record.Born("19900101").Convicted("246 PC", "20100101");
        record.Convicted("186.22(B)(4) PC", "20150601", inCaseOf: record.LastCount).Convicted("11359 HS", "20150301", sentence: "1 D");

        // The pair is dated 2015-06-01 (its later conviction), after the 2015-03-01 conviction: not a prior.
        Assert.NotEqual(Reasons.Superstrike, Decide(record).Reason);
    }

    [Fact]
    public void Step4_a_gang_base_and_enhancement_in_different_cases_are_not_a_pair() =>
        Assert.NotEqual(Reasons.Superstrike,
            Decide(Record.Born("19900101").Convicted("246 PC", "20100101").Convicted("186.22(B)(4) PC", "20100101").Convicted("11359 HS", "20150101", sentence: "1 D")).Reason);

    [Fact]
    public void Step4_with_186_22_b_3_it_is_not_a_superstrike() =>
        Assert.NotEqual(Reasons.Superstrike,
            Decide(Record.Born("19900101").Convicted("186.22(B)(3)-136.1 PC", "20100101").Convicted("11359 HS", "20150101", sentence: "1 D")).Reason);

    [Fact]
    public void Step5_a_PC290_offense_before_the_conviction_makes_it_not_eligible() =>
        Assert.Equal((Determinations.NotEligible, Reasons.Pc290),
            Decide(Record.Born("19900101").Convicted("243.4 PC", "20100101").Convicted("11359 HS", "20150101", sentence: "1 D")));

    [Theory]
    [InlineData("20150101", Reasons.Pc290)]
    [InlineData("20141231", Reasons.Pc290)]
    [InlineData("20150102", Reasons.Pc290RegistrationAfter)]
    public void Step5_a_registration_on_or_before_is_PC290_and_after_is_hand_review(string registeredOn, string reason) =>
        Assert.Equal(reason, Decide(Felony().Registered("290 PC-REGISTRATION", registeredOn)).Reason);

    [Fact]
    public void Step6_two_earlier_convictions_of_the_same_section_are_two_priors() =>
        Assert.Equal((Determinations.NotEligible, Reasons.TwoPriors), Decision(Record.Born("19900101")
            .Convicted("11359 HS", "20100101", county: "ORANGE").Convicted("11359 HS", "20110101", felony: false)
            .Convicted("11359 HS", "20150101", sentence: "1 D")));

    [Fact]
    public void Step6_two_counts_of_one_earlier_case_are_two_priors()
    {
        var record = Record.Born("19900101").Convicted("11360(A) HS", "20100101");
        record.Convicted("11360(A) HS", "20100101", inCaseOf: record.LastCount).Convicted("11360(A) HS", "20150101", sentence: "1 D");
        var last = record.LastCount;

        Assert.Equal(Reasons.TwoPriors, record.DecisionFor(Policies.La(), last).ReasonCode);
    }

    [Fact]
    public void Step6_attempts_and_other_sections_are_not_priors_of_the_section()
    {
        var record = Record.Born("19900101").Convicted("664/11359 HS", "20100101").Convicted("11360 HS", "20110101")
            .Convicted("11359 HS", "20150101", sentence: "1 D");

        Assert.NotEqual(Reasons.TwoPriors, record.DecisionFor(Policies.La(), record.LastCount).ReasonCode);
    }

    [Fact]
    public void Step6_counts_of_the_conviction_own_case_are_not_priors()
    {
        var record = Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D");
        var first = record.LastCount;
        record.Convicted("11359 HS", "20150101", inCaseOf: first, sentence: "1 D").Convicted("11359 HS", "20150101", inCaseOf: first, sentence: "1 D");

        Assert.NotEqual(Reasons.TwoPriors, record.DecisionFor(Policies.La(), first).ReasonCode);
    }

    [Theory]
    [InlineData("19700701", true)]
    [InlineData("19700702", false)]
    [InlineData("19700000", false)]
    public void Step7_age_on_as_of_at_or_over_the_threshold_birthday_inclusive(string dob, bool dismissed)
    {
        var reason = Decide(Record.Born(dob).Convicted("11359 HS", "20150101", sentence: "1 D").Convicted("459 PC", "20190101")).Reason;

        Assert.Equal(dismissed, reason == Reasons.AgeThreshold);
        if (dob == "19700000") Assert.Equal(Reasons.UnknownDate, reason);
    }

    [Fact]
    public void Step7_a_29_February_birthday_is_reached_on_28_February_in_a_common_year() =>
        Assert.Equal(Reasons.AgeThreshold,
            Decide(Record.Born("19720229").Convicted("11359 HS", "20150101", sentence: "1 D").Convicted("459 PC", "20190101"), Policies.La(age: 49, asOf: "2021-02-28")).Reason);

    [Fact]
    public void Step7_and_8_a_missing_date_of_birth_makes_nobody_old_or_young() =>
        Assert.Equal(Reasons.NoCriteria, Decide(Record.NoDob().Convicted("11359 HS", "20150101", sentence: "1 D").Convicted("459 PC", "20190101")).Reason);

    [Theory]
    [InlineData("19940102", true)]
    [InlineData("19940101", false)]
    public void Step8_under_21_at_conviction_the_21st_birthday_is_not_under_21(string dob, bool youth) =>
        Assert.Equal(youth, Decide(Record.Born(dob).Convicted("11359 HS", "20150101", sentence: "1 D").Convicted("459 PC", "20190101")).Reason == Reasons.Youth);

    [Theory]
    [InlineData("20150101", "1 D", true)]
    [InlineData("20190701", "1 Y", true)]
    [InlineData("20190702", "1 Y", false)]
    public void Step9_only_Prop_64_convictions_and_every_sentence_ended_by_as_of(string date, string sentence, bool completed)
    {
        var reason = Decide(Record.Born("19900101").Convicted("11359 HS", date == "20150101" ? date : "20150101", sentence: "1 D")
            .Convicted("11360 HS", date, felony: false, sentence: sentence)).Reason;

        Assert.Equal(completed, reason == Reasons.OnlyProp64Completed);
    }

    [Fact]
    public void Step9_sentence_components_of_one_count_are_summed_per_unit()
    {
        // 2019-01-01 + 1 year + 6 months = 2020-07-01: ended by as-of, not after it.
        var record = Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D")
            .Convicted("11360 HS", "20190101", felony: false, sentence: "1 Y").AlsoSentenced("6", "M");

        Assert.Equal(Reasons.OnlyProp64Completed, Decide(record).Reason);
        Assert.Equal(Reasons.ServingSentence, Decide(Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D")
            .Convicted("11360 HS", "20190101", felony: false, sentence: "1 Y").AlsoSentenced("6", "M").AlsoSentenced("1", "D").Convicted("459 PC", "20100101")).Reason);
    }

    [Fact]
    public void Step9_an_unknown_sentence_unit_leaves_the_end_unknown_which_is_hand_review() =>
        Assert.Equal((Determinations.HandReview, Reasons.UnknownDate),
            Decide(Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "30 X")));

    [Theory]
    [InlineData("20100701", true)]
    [InlineData("20100702", false)]
    public void Step10_no_conviction_dated_after_as_of_minus_N_years(string lastConviction, bool free) =>
        Assert.Equal(free, Decide(Record.Born("19800101").Convicted("11359 HS", "20090101", sentence: "1 D").Convicted("459 PC", lastConviction, sentence: "1 D")).Reason == Reasons.ConvictionFree);

    [Fact]
    public void Step11_a_running_sentence_is_hand_review() =>
        Assert.Equal((Determinations.HandReview, Reasons.ServingSentence),
            Decide(Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "10 Y").Convicted("459 PC", "20190101")));

    [Fact]
    public void Step12_a_deceased_person_is_dismissed() =>
        Assert.Equal((Determinations.EligibleForDismissal, Reasons.Deceased),
            Decide(Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D").Convicted("459 PC", "20190101").Died("20200101")));

    [Fact]
    public void Step13_otherwise_hand_review_with_no_criteria() =>
        Assert.Equal((Determinations.HandReview, Reasons.NoCriteria),
            Decide(Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D").Convicted("459 PC", "20190101")));

    [Fact]
    public void A_decision_records_policy_version_as_of_and_facts()
    {
        var d = Record.Born("19900101").Convicted("187 PC", "20100101").Convicted("11359 HS", "20150101", sentence: "1 D").Registered("290 PC", "20120101")
            .DecisionFor(Policies.La());

        Assert.Equal(("la-2020", 1, new DateOnly(2020, 7, 1)), (d.Policy.Name, d.Policy.Version, d.Policy.AsOf));
        Assert.Equal(["187"], d.Facts.SuperstrikeSections);
        Assert.Equal(["2012-01-01"], d.Facts.Pc290Registrations);
        Assert.Equal(1, d.Facts.PriorConvictions);
        Assert.Equal(1, d.Facts.Prop64Convictions);
        Assert.Equal(5, d.Facts.YearsSinceConviction);
    }

    [Fact]
    public void A_comment_naming_another_Prop_64_section_is_flagged() =>
        Assert.True(Record.Born("19900101").Convicted("11359 HS", "20150101", comment: "ORIG CHG 11360 HS").DecisionFor(Policies.La()).Facts.PossibleOtherProp64Charge);
}
