using Expunge.Linkage;

namespace Expunge.Linkage.Tests;

public class PairDecisionTests
{
    private static StandardRecord Person(string id, string given, string surname, string dob, string? cii = null, params string[] aliases) =>
        StandardRecord.Of(new LinkageRecord { Id = id, GivenName = given, Surname = surname, DateOfBirth = dob, StrongId = cii, Aliases = aliases });

    [Fact]
    public void A_swapped_first_and_last_name_agrees_as_the_name()
    {
        var (given, surname) = Comparison.CompareNames(Person("a", "MARIA", "LOPEZ", "19800101"), Person("b", "LOPEZ", "MARIA", "19800101"));
        Assert.Equal((0, 0), (given, surname));
    }

    [Fact]
    public void A_given_name_read_as_the_other_records_surname_is_not_a_whole_name_agreement()
    {
        // JOSE GARCIA and ANTONIO JOSE share only JOSE: read crosswise, GARCIA still disagrees with ANTONIO.
        var (given, surname) = Comparison.CompareNames(Person("a", "JOSE", "GARCIA", "19800101"), Person("b", "ANTONIO", "JOSE", "19800101"));
        Assert.Equal((3, 3), (given, surname));
    }

    [Fact]
    public void A_compound_surname_typed_in_the_given_name_column_agrees_when_the_columns_are_swapped()
    {
        var doj = Person("a", "JORGE", "DE-LA-CRUZ", "19550622");
        var court = Person("b", "DE LA CRUZ", "JORGE", "19550622");
        Assert.Equal((0, 0), Comparison.CompareNames(doj, court));
        Assert.Equal((0, 0), Comparison.CompareNames(court, doj));
    }

    [Fact]
    public void An_alias_is_the_same_person_under_another_name()
    {
        var (given, surname) = Comparison.CompareNames(Person("a", "MARIA", "LOPEZ", "19800101", null, "GARCIA, MARIA"), Person("b", "MARIA", "GARCIA", "19800101"));
        Assert.Equal((0, 0), (given, surname));
    }

    [Fact]
    public void A_nickname_agrees_one_level_below_exact()
    {
        var (given, _) = Comparison.CompareNames(Person("a", "FRANCISCO", "RUIZ", "19800101"), Person("b", "PACO", "RUIZ", "19800101"));
        Assert.Equal(1, given);
    }

    [Fact]
    public void A_shared_cii_links_whatever_the_names_say()
    {
        var a = Person("a", "JOHN", "SMITH", "19800101", "A12345678");
        var b = Person("b", "JUAN", "HERRERA", "19651231", "A-1234-5678");
        Assert.Equal(PairOutcome.Link, PairDecision.Classify(Comparison.Compare(a, b), 0.0001));
        Assert.Equal(1.0, PairDecision.Probability(DefaultModel.For(100_000), a, Comparison.Compare(a, b)));
    }

    [Fact]
    public void Conflicting_cii_numbers_never_auto_link()
    {
        var a = Person("a", "JOHN", "SMITH", "19800101", "A12345678");
        var b = Person("b", "JOHN", "SMITH", "19800101", "B99999999");
        Assert.Equal(PairOutcome.Review, PairDecision.Classify(Comparison.Compare(a, b), 0.9999));
        // Unsure and DOJ says two people: two people, not a question for a reviewer.
        Assert.Equal(PairOutcome.NonLink, PairDecision.Classify(Comparison.Compare(a, b), 0.5));
        Assert.Equal(PairOutcome.NonLink, PairDecision.Classify(Comparison.Compare(a, b), 0.01));
    }

    [Fact]
    public void Links_never_chain_two_cii_numbers_into_one_person()
    {
        // a and c have different CIIs; b (no CII) looks like both. Only the stronger link is applied.
        IReadOnlyList<StandardRecord> records = [Person("a", "JOHN", "SMITH", "19800101", "A1"), Person("b", "JOHN", "SMITH", "19800101"), Person("c", "JOHN", "SMITH", "19800101", "C3")];
        var vector = Comparison.Compare(records[0], records[1]);
        var (groups, review) = Clustering.Group(records, [new ScoredPair(0, 1, 0.99, PairOutcome.Link, vector), new ScoredPair(1, 2, 0.95, PairOutcome.Link, vector)]);
        Assert.Equal(groups[0], groups[1]);
        Assert.NotEqual(groups[1], groups[2]);
        Assert.Equal((1, 2), (review.Single().A, review.Single().B));
    }

    [Fact]
    public void The_thresholds_are_fixed_and_ordered()
    {
        Assert.True(PairDecision.ReviewThreshold < PairDecision.LinkThreshold);
        var a = Person("a", "JOHN", "SMITH", "19800101");
        var b = Person("b", "JOHN", "SMITH", "19800101");
        Assert.Equal(PairOutcome.Link, PairDecision.Classify(Comparison.Compare(a, b), PairDecision.LinkThreshold));
        Assert.Equal(PairOutcome.Review, PairDecision.Classify(Comparison.Compare(a, b), PairDecision.ReviewThreshold));
        Assert.Equal(PairOutcome.NonLink, PairDecision.Classify(Comparison.Compare(a, b), PairDecision.ReviewThreshold / 2));
    }
}
