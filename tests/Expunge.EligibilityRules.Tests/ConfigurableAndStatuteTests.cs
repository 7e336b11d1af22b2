namespace Expunge.EligibilityRules.Tests;

public sealed class ConfigurableTests
{
    private static string Reason(Record record, ConfigurablePolicy policy) => record.DecisionFor(policy).ReasonCode;

    private static Record Felony(string charge, string on = "20150101", string dob = "19900101") =>
        Record.Born(dob).Convicted(charge, on, sentence: "1 D").Convicted("459 PC", "20190101");

    [Fact]
    public void A_misdemeanor_is_dismissed() =>
        Assert.Equal((Determinations.EligibleForDismissal, Reasons.Misdemeanor),
            Record.Born("19900101").Convicted("11357(C) HS", "20150101", felony: false).DecisionFor(Policies.Configurable()) is var d ? (d.Determination, d.ReasonCode) : default);

    [Theory]
    [InlineData("11357(A) HS", "11357", true)]
    [InlineData("11357(A) HS", "11357(a)", true)]
    [InlineData("11357(B) HS", "11357(a)", false)]
    [InlineData("11357(E) HS", "11357(none)", true)]
    [InlineData("11357 HS", "11357(none)", true)]
    [InlineData("11357(D) HS", "11357(none)", false)]
    [InlineData("664/11359 HS", "11359", true)]
    public void Section_keys_match_sections_and_11357_subsections(string charge, string key, bool dismissed)
    {
        var d = Felony(charge).DecisionFor(Policies.Configurable(dismiss: [key]));

        Assert.Equal(dismissed, d.ReasonCode == Reasons.DismissSection);
        if (dismissed) Assert.Equal($"Dismiss all HS {key} convictions", d.Reason);
    }

    [Fact]
    public void A_section_in_reduce_is_reduced_and_one_in_neither_list_is_hand_review()
    {
        var reduced = Felony("11360 HS").DecisionFor(Policies.Configurable(dismiss: ["11359"], reduce: ["11360"]));
        var neither = Felony("11358 HS").DecisionFor(Policies.Configurable(dismiss: ["11359"], reduce: ["11360"]));

        Assert.Equal((Determinations.EligibleForReduction, Reasons.ReduceSection), (reduced.Determination, reduced.ReasonCode));
        Assert.Equal((Determinations.HandReview, Reasons.SectionNotConfigured), (neither.Determination, neither.ReasonCode));
    }

    [Fact]
    public void Additional_relief_applies_in_order_before_reduction()
    {
        var relief = AdditionalRelief.None;
        Assert.Equal(Reasons.Youth, Reason(Felony("11360 HS", dob: "19950101"), Policies.Configurable(reduce: ["11360"], relief: relief with { Under21AtConviction = true })));
        Assert.Equal(Reasons.AgeThreshold, Reason(Felony("11360 HS", dob: "19600101"), Policies.Configurable(reduce: ["11360"], relief: relief with { AgeThreshold = 60 })));
        Assert.Equal(Reasons.YearsSinceConviction, Reason(Felony("11360 HS", on: "20100701"), Policies.Configurable(reduce: ["11360"], relief: relief with { YearsSinceConviction = 10 })));
        Assert.Equal(Reasons.ReduceSection, Reason(Felony("11360 HS", on: "20100702"), Policies.Configurable(reduce: ["11360"], relief: relief with { YearsSinceConviction = 10 })));
        Assert.Equal(Reasons.OnlyProp64, Reason(Record.Born("19900101").Convicted("11360 HS", "20150101"), Policies.Configurable(reduce: ["11360"], relief: relief with { OnlyProp64Charges = true })));
        Assert.Equal(Reasons.Deceased, Reason(Felony("11360 HS").Died("20200101"), Policies.Configurable(reduce: ["11360"], relief: relief with { Deceased = true })));
    }

    [Theory]
    [InlineData("20100630", true)]
    [InlineData("20100701", false)]
    public void Years_crime_free_means_the_most_recent_conviction_is_strictly_before_as_of_minus_N(string last, bool free)
    {
        var record = Record.Born("19900101").Convicted("11360 HS", "20090101").Convicted("459 PC", last);

        Assert.Equal(free, Reason(record, Policies.Configurable(relief: AdditionalRelief.None with { YearsCrimeFree = 10 })) == Reasons.ConvictionFree);
    }

    [Fact]
    public void The_date_superstrike_PC290_and_priors_tests_do_not_decide_but_are_reported()
    {
        var d = Record.Born("19900101").Convicted("187 PC", "20100101").Convicted("11360 HS", "20170101")
            .DecisionFor(Policies.Configurable(dismiss: ["11360"]));

        Assert.Equal(Reasons.DismissSection, d.ReasonCode);
        Assert.Equal(["187"], d.Facts.SuperstrikeSections);
    }
}

public sealed class StatuteTests
{
    [Fact]
    public void A_misdemeanor_before_Prop_64_is_dismissed_and_a_felony_reduced_with_assumptions_stated()
    {
        var misdemeanor = Record.Born("19900101").Convicted("11357(B) HS", "20150101", felony: false).DecisionFor(Policies.Statute());
        var felony = Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D").DecisionFor(Policies.Statute());

        Assert.Equal(Determinations.EligibleForDismissal, misdemeanor.Determination);
        Assert.Equal((Determinations.EligibleForReduction, Reasons.ReduceSection), (felony.Determination, felony.ReasonCode));
        Assert.NotEmpty(felony.Facts.Assumptions);
    }

    [Fact]
    public void A_statutory_aggravator_on_the_record_makes_a_felony_not_eligible() =>
        Assert.Equal(Reasons.Superstrike,
            Record.Born("19900101").Convicted("187 PC", "20100101").Convicted("11359 HS", "20150101").DecisionFor(Policies.Statute()).ReasonCode);

    [Fact]
    public void A_running_sentence_goes_to_the_resentencing_track() =>
        Assert.Equal((Determinations.HandReview, Reasons.ServingSentence),
            Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "10 Y").DecisionFor(Policies.Statute()) is var d ? (d.Determination, d.ReasonCode) : default);
}
