namespace Expunge.EligibilityRules.Tests;

/// <summary>What a filing asks the court to do for each determination (Reliefs), and on what legal basis.</summary>
public sealed class ReliefTests
{
    [Fact]
    public void A_dismissal_with_the_sentence_served_is_dismissed_and_sealed()
    {
        var d = Record.Born("19600101").Convicted("11359 HS", "20050101", sentence: "1 Y").DecisionFor(Policies.La());
        Assert.Equal(Determinations.EligibleForDismissal, d.Determination);
        Assert.Equal(Reliefs.DismissAndSeal, Reliefs.Of(d));
        Assert.Equal("H&S 11361.8, 11361.9; la-2020 policy v1: 50 years or older", Reliefs.LegalBasis(d));
    }

    [Fact]
    public void A_dismissal_while_the_sentence_still_runs_is_a_recall_and_resentence()
    {
        // 50 or older decides before the sentence is looked at; the 10-year sentence from 2015 runs past 2020.
        var d = Record.Born("19600101").Convicted("11359 HS", "20150101", sentence: "10 Y").DecisionFor(Policies.La());
        Assert.Equal(Determinations.EligibleForDismissal, d.Determination);
        Assert.Equal(Reliefs.RecallAndResentence, Reliefs.Of(d));
    }

    [Fact]
    public void A_reduction_of_a_felony_is_to_a_misdemeanor_and_of_a_misdemeanor_to_an_infraction()
    {
        var policy = Policies.Configurable(reduce: ["11359", "11357"]);
        var felony = Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D").DecisionFor(policy);
        Assert.Equal((Determinations.EligibleForReduction, Reliefs.ReduceToMisdemeanor), (felony.Determination, Reliefs.Of(felony)));
        Assert.Equal(Reliefs.ReduceToInfraction, Reliefs.ForDetermination(Determinations.EligibleForReduction, felony: false));
    }

    [Fact]
    public void Determinations_that_grant_nothing_ask_for_nothing()
    {
        var d = Record.Born("19900101").Convicted("11357(C) HS", "20150101", felony: false).DecisionFor(Policies.La());
        Assert.Equal(Determinations.CityAttorneys, d.Determination);
        Assert.Equal("", Reliefs.Of(d));
        Assert.Equal("", Reliefs.ForDetermination(Determinations.HandReview, felony: true));
    }

    [Fact]
    public void Under_the_statute_the_basis_is_the_statute_alone() =>
        Assert.StartsWith("H&S 11361.8; ", Reliefs.LegalBasis(Record.Born("19900101").Convicted("11359 HS", "20150101", sentence: "1 D").DecisionFor(Policies.Statute())));
}
