namespace Expunge.Linkage.Tests;

/// <summary>The people linkage must keep apart however alike their records read (issue 19), and the slips of the
/// keys it must see through.</summary>
public class HardNegativeTests
{
    private static readonly FellegiSunterModel Model = DefaultModel.For(200_000);

    private static StandardRecord Record(string id, string given, string surname, string dob, string? cii = null, string[]? cases = null) =>
        StandardRecord.Of(new LinkageRecord { Id = id, GivenName = given, Surname = surname, DateOfBirth = dob, StrongId = cii, CaseNumbers = cases ?? [] });

    private static PairOutcome Outcome(StandardRecord a, StandardRecord b)
    {
        var vector = Comparison.Compare(a, b);
        return PairDecision.Classify(Model, vector, PairDecision.Probability(Model, a, vector));
    }

    [Fact]
    public void A_father_and_son_of_one_name_with_the_jr_dropped_are_two_people()
    {
        var (father, son) = (Record("f", "JUAN", "GARCIA", "19550412"), Record("s", "JUAN", "GARCIA", "19820907"));
        Assert.Equal(Comparison.GenerationApart, Comparison.Compare(father, son)[Field.DateOfBirth]);
        Assert.Equal(PairOutcome.NonLink, Outcome(father, son));
    }

    [Fact]
    public void Twins_one_surname_and_birth_date_two_given_names_never_link_on_the_model_alone_even_on_one_case()
    {
        // The twins were charged together; DOJ dropped the co-defendant suffix, so the case agrees in part.
        var (a, b) = (Record("a", "STEVEN", "RINAKDRA", "19490213", cases: ["BA1234"]), Record("b", "JOSE", "RINAKDRA", "19490213", cases: ["BA1234-02"]));
        Assert.True(Comparison.Compare(a, b).Relatives);
        Assert.True(Model.RelativesApart);
        Assert.NotEqual(PairOutcome.Link, Outcome(a, b));
    }

    [Fact]
    public void Siblings_and_namesakes_months_apart_are_two_people()
    {
        Assert.Equal(PairOutcome.NonLink, Outcome(Record("a", "MARIA", "TORRES", "19800315"), Record("b", "ANA", "TORRES", "19830611")));
        // Two digits apart could be two slips of the keys: a question at most, never a link.
        Assert.NotEqual(PairOutcome.Link, Outcome(Record("a", "JOSE", "GARCIA", "19800315"), Record("b", "JOSE", "GARCIA", "19800817")));
    }

    [Theory]
    [InlineData("A12345678", "A12345679")] // one digit wrong
    [InlineData("A12345678", "A 12345678")]
    [InlineData("A12345678", "A-12345678")]
    public void A_cii_written_with_a_space_a_dash_or_one_digit_wrong_is_the_same_person(string a, string b)
    {
        var (x, y) = (Record("x", "ROSA", "QUINTERO", "19850303", a), Record("y", "ROSA", "QUINTERO", "19850303", b));
        Assert.False(Comparison.Compare(x, y).StrongIdsConflict);
        Assert.Equal(PairOutcome.Link, Outcome(x, y));
    }

    [Theory]
    [InlineData("PEPE", "JOSE")]
    [InlineData("CHUY", "JESUS")]
    [InlineData("LUPE", "GUADALUPE")]
    [InlineData("PANCHO", "FRANCISCO")]
    [InlineData("BETO", "ALBERTO")]
    [InlineData("LALO", "EDUARDO")]
    [InlineData("MEMO", "GUILLERMO")]
    [InlineData("JUCN", "JUAN")] // a slip of the keys in a short name
    [InlineData("JEFFREY", "GEOFFREY")] // one name, its first sound spelt two ways
    [InlineData("CATHERINE", "KATHERINE")]
    [InlineData("LINDAGUADALUPE", "LINDA")] // a double given name glued into one, against its first part
    public void Nicknames_diminutives_and_typos_of_a_given_name_with_the_same_surname_and_birth_date_link(string a, string b) =>
        Assert.Equal(PairOutcome.Link, Outcome(Record("x", a, "MENDEZ", "19910522"), Record("y", b, "MENDEZ", "19910522")));

    [Fact]
    public void A_person_known_by_a_second_given_name_is_the_same_person()
    {
        var full = StandardRecord.Of(new LinkageRecord { Id = "a", GivenName = "JUAN", MiddleName = "CARLOS", Surname = "REYES", DateOfBirth = "19770707" });
        var second = Record("b", "CARLOS", "REYES", "19770707");
        Assert.False(Comparison.Compare(full, second).Relatives);
        Assert.Equal(PairOutcome.Link, Outcome(full, second));
    }

    [Theory]
    [InlineData("JOHN", "SEAN")]
    [InlineData("ROBERT", "HUBERT")]
    [InlineData("CARLOS", "MARCOS")]
    public void Names_merely_built_alike_are_unrelated_given_names(string a, string b)
    {
        Assert.Equal(3, Comparison.Given(a, b));
        Assert.True(Comparison.Compare(Record("x", a, "MENDEZ", "19910522"), Record("y", b, "MENDEZ", "19910522")).Relatives);
    }

    [Fact]
    public void A_question_about_two_records_of_one_case_is_weighed_by_who_they_say_they_are_not_by_the_case()
    {
        // Father and son charged together; the DA row dropped the co-defendant suffix. The case and its charge on its day
        // make the pair look certain; their dates of birth, a generation apart, say two people.
        StandardRecord Defendant(string id, string dob, string caseNumber) => StandardRecord.Of(new LinkageRecord
        {
            Id = id, GivenName = "FERNANDO", Surname = "GALSTOKA", DateOfBirth = dob, CaseNumbers = [caseNumber], DatedCharges = ["20040524 11357"],
        });
        var (father, son) = (Defendant("doj:1", "19560728", "TA818727"), Defendant("da:2", "19790910", "TA818727"));
        var vector = Comparison.Compare(father, son);
        Assert.True(PairDecision.Probability(Model, father, vector) > 0.9);
        Assert.True(PairDecision.QuestionProbability(Model, father, vector) < 0.01);
        // The same person on the same case is as sure either way.
        var again = Defendant("court:3", "19560728", "TA818727-01");
        Assert.True(PairDecision.QuestionProbability(Model, father, Comparison.Compare(father, again)) > 0.99);
    }
}
