using Expunge.Linkage;

namespace Expunge.Linkage.Tests;

public class IncrementalLinkerTests
{
    private static StandardRecord Record(string id, string given, string surname, string dob, string? cii = null, string source = "court") =>
        StandardRecord.Of(new LinkageRecord { Id = id, Source = source, GivenName = given, Surname = surname, DateOfBirth = dob, StrongId = cii });

    private static readonly FellegiSunterModel Model = DefaultModel.For(100_000);

    private static IncrementalLinker Linker()
    {
        var next = 0;
        return new IncrementalLinker(Model, () => new Guid(++next, 0, 0, new byte[8]));
    }

    [Fact]
    public void A_record_of_a_known_person_joins_that_person()
    {
        var person = Guid.NewGuid();
        var result = Linker().Link([Record("b", "PACO", "RUIZ", "19800115")], [new KnownRecord(Record("a", "FRANCISCO", "RUIZ", "19800115", source: "doj"), person)]);
        Assert.Equal(person, Assert.Single(result.Assignments).PersonId);
        Assert.False(result.Assignments[0].NewPerson);
    }

    [Fact]
    public void A_record_like_no_one_founds_a_new_person()
    {
        var result = Linker().Link([Record("b", "ANA", "TORRES", "19900115")], [new KnownRecord(Record("a", "LUIS", "GOMEZ", "19610707"), Guid.NewGuid())]);
        Assert.True(Assert.Single(result.Assignments).NewPerson);
    }

    [Fact]
    public void Records_of_one_batch_link_to_each_other()
    {
        var result = Linker().Link([Record("a", "ANA", "TORRES", "19900115"), Record("b", "ANA", "TORRES", "19900115", source: "da")], []);
        Assert.Single(result.Assignments.Select(a => a.PersonId).Distinct());
    }

    [Fact]
    public void A_record_that_links_two_people_merges_them_and_the_larger_keeps_its_id()
    {
        var (large, small) = (Guid.NewGuid(), Guid.NewGuid());
        // One person known by DOB (two records), the other by CII; the new record carries both.
        KnownRecord[] known =
        [
            new(Record("a1", "ANA", "TORRES", "19900115"), large),
            new(Record("a2", "ANA", "TORRES", "19900115"), large),
            new(Record("b1", "ANITA", "TORRES-VEGA", "", "A123"), small),
        ];
        var result = Linker().Link([Record("c", "ANA", "TORRES", "19900115", "A123")], known);
        Assert.Equal(new PersonMerge(large, small), Assert.Single(result.Merges));
        Assert.Equal(large, result.Assignments.Single().PersonId);
    }

    [Fact]
    public void A_person_founded_in_the_batch_and_then_merged_into_a_known_person_is_not_new()
    {
        // c1 founds a person; c2 (same person, with the known person's CII) then joins it to the known one, which keeps
        // its id: no record of the batch may claim to have founded a person that existed before.
        var known = new Guid("00000000-0000-0000-0000-000000000009");
        var result = Linker().Link([Record("c1", "ANA", "TORRES", "19900115"), Record("c2", "ANA", "TORRES", "19900115", "A123")],
            [new KnownRecord(Record("b1", "ANITA", "TORRES-VEGA", "", "A123"), known)]);
        Assert.Single(result.Merges);
        Assert.All(result.Assignments, a => Assert.Equal(known, a.PersonId));
        Assert.All(result.Assignments, a => Assert.False(a.NewPerson));
    }

    [Fact]
    public void People_with_different_cii_numbers_are_never_merged_by_the_model()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        KnownRecord[] known = [new(Record("a", "ANA", "TORRES", "19900115", "A1"), first), new(Record("b", "ANA", "TORRES", "19900115", "B2"), second)];
        var result = Linker().Link([Record("c", "ANA", "TORRES", "19900115")], known);
        Assert.Empty(result.Merges);
        Assert.Contains(result.Review, r => r.Reason.Contains("CII", StringComparison.Ordinal));
    }

    [Fact]
    public void People_an_operator_split_are_never_joined_again_by_a_record_that_looks_like_both()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        KnownRecord[] known = [new(Record("a", "ANA", "TORRES", "19900115"), first), new(Record("b", "ANA", "TORRES", "19900115"), second)];
        var linker = new IncrementalLinker(Model, Guid.NewGuid, new HashSet<(string, string)> { ("a", "b") });

        var result = linker.Link([Record("c", "ANA", "TORRES", "19900115")], known);

        Assert.Empty(result.Merges);
        Assert.Contains(result.Review, r => r.Reason.StartsWith("would join people an operator separated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_that_could_be_several_people_is_one_question_about_its_strongest_candidate()
    {
        // Three people DOJ tells apart by CII; a record without one looks like all three: it joins one, and the
        // reviewer is asked once about the others, not once per person.
        KnownRecord[] known =
        [
            new(Record("a", "ANA", "TORRES", "19900115", "A1"), Guid.NewGuid()),
            new(Record("b", "ANA", "TORRES", "19900115", "B2"), Guid.NewGuid()),
            new(Record("c", "ANA", "TORRES", "19900115", "C3"), Guid.NewGuid()),
        ];
        var result = Linker().Link([Record("d", "ANA", "TORRES", "19900115")], known);
        var review = Assert.Single(result.Review);
        Assert.Equal("d", review.B.Id);
        Assert.EndsWith("(and 1 other possible person)", review.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_batch_links_the_same_way_whatever_its_order()
    {
        StandardRecord[] batch = [Record("x", "JOSE", "LOPEZ", "19700101"), Record("y", "PEPE", "LOPEZ", "19700101"), Record("z", "JOSE", "LOPEZ", "19700110")];
        var one = Linker().Link(batch, []);
        var other = Linker().Link([.. batch.Reverse()], []);
        Assert.Equal(one.Assignments.Select(a => (a.Record.Id, a.PersonId)).OrderBy(a => a.Id), other.Assignments.Select(a => (a.Record.Id, a.PersonId)).OrderBy(a => a.Id));
    }

    [Fact]
    public void A_split_keeps_the_larger_part_together_and_the_two_named_records_apart()
    {
        StandardRecord[] person = [Record("a", "ANA", "TORRES", "19900115"), Record("b", "ANA", "TORRES", "19900115"), Record("c", "ANA", "TORRES", "19900115")];
        var parts = PersonSplit.Split(person, person[0], person[2], Model);
        Assert.Equal(2, parts.Count);
        Assert.Equal(2, parts[0].Count);
        Assert.DoesNotContain(parts, p => p.Contains(person[0]) && p.Contains(person[2]));
    }

    [Fact]
    public void Evidence_shows_each_field_for_and_against()
    {
        var (a, b) = (Record("a", "ANA", "TORRES", "19900315"), Record("b", "ANA", "TORRES", "19910315"));
        var evidence = Evidence.Explain(Model, a, b, Comparison.Compare(a, b));
        Assert.True(evidence.Single(e => e.Field == "Surname").Weight > 0);
        Assert.Equal("day/month swapped or one digit", evidence.Single(e => e.Field == "DateOfBirth").Agreement);
    }
}
