using Expunge.Linkage;

namespace Expunge.Linkage.Tests;

public class StandardisationTests
{
    [Theory]
    [InlineData("García-López", "GARCIALOPEZ")]
    [InlineData("garcia lopez", "GARCIALOPEZ")]
    [InlineData("O'Brien Jr.", "OBRIEN")]
    [InlineData("  Nguyễn ", "NGUYEN")]
    [InlineData("Smith III", "SMITH")]
    public void Names_are_compared_without_case_accents_punctuation_or_suffixes(string written, string standard) =>
        Assert.Equal(standard, Names.Joined(written));

    [Fact]
    public void Compound_surnames_keep_their_parts_without_particles() =>
        Assert.Equal(["CRUZ", "MORALES"], Names.SurnameParts("de la Cruz-Morales"));

    [Theory]
    [InlineData("BOB", "ROBERT")]
    [InlineData("PACO", "FRANCISCO")]
    [InlineData("PANCHO", "PACO")]
    [InlineData("CHUY", "JESUS")]
    [InlineData("BETO", "ROBERTO")]
    [InlineData("LUPE", "GUADALUPE")]
    public void Nicknames_and_diminutives_are_the_same_given_name(string a, string b)
    {
        Assert.True(Names.AreNicknames(a, b));
        Assert.True(Names.AreNicknames(b, a));
    }

    [Fact]
    public void Different_names_are_not_nicknames() => Assert.False(Names.AreNicknames("ROBERT", "WILLIAM"));

    [Theory]
    [InlineData("ROBERT", "R163")]
    [InlineData("RUPERT", "R163")]
    [InlineData("ASHCRAFT", "A261")]
    [InlineData("TYMCZAK", "T522")]
    [InlineData("PFISTER", "P236")]
    public void Soundex_follows_the_american_rules(string name, string code) => Assert.Equal(code, Names.Soundex(name));

    [Theory]
    [InlineData("19700315", "19700315")]
    [InlineData("1970-03-15", "19700315")]
    [InlineData("3/15/1970", "19700315")]
    [InlineData("19701345", "19701345")] // a typo, kept: it still agrees with its original in most digits
    [InlineData("March 1970", "")]
    [InlineData("", "")]
    public void Dates_of_birth_are_read_in_every_spelling_sources_use(string written, string standard) =>
        Assert.Equal(standard, Dates.Standardise(written));

    [Theory]
    [InlineData("A-1234-5678", "A12345678")]
    [InlineData(" a12345678 ", "A12345678")]
    public void Identifiers_lose_separators_and_case(string written, string standard) =>
        Assert.Equal(standard, StandardRecord.Identifier(written));

    [Fact]
    public void Jaro_winkler_matches_the_published_examples()
    {
        Assert.Equal(0.961, Similarity.JaroWinkler("MARTHA", "MARHTA"), 3);
        Assert.Equal(0.840, Similarity.JaroWinkler("DWAYNE", "DUANE"), 3);
        Assert.Equal(0.813, Similarity.JaroWinkler("DIXON", "DICKSONX"), 3);
        Assert.Equal(0, Similarity.JaroWinkler("ABC", ""));
    }

    [Theory]
    [InlineData("19700315", "19700315", 0)]
    [InlineData("19700315", "19701503", 1)] // day and month transposed
    [InlineData("19700315", "19700316", 1)] // one digit
    [InlineData("19700315", "19700351", 1)] // adjacent digits swapped
    [InlineData("19991201", "20001201", 2)] // the same day a year apart
    [InlineData("19981201", "20001201", 3)] // two years apart
    [InlineData("19700315", "19710316", 2)]
    [InlineData("19700315", "19731122", 3)]
    [InlineData("19700315", "19851122", 4)] // a generation apart: father and son
    [InlineData("19700315", "19800315", 1)] // one digit of the year: a slip, not a generation
    [InlineData("19700000", "19700315", 5)] // a partial date says only its year, which agrees
    [InlineData("19700101", "19700315", 5)] // so does the year-only placeholder
    [InlineData("19700101", "19700101", 5)]
    [InlineData("19531200", "19531212", 5)] // year and month agree
    [InlineData("19531100", "19531212", 3)] // the month a partial date knows disagrees
    [InlineData("19700000", "19710315", -1)] // a year apart: a slip of the keys, no evidence either way
    [InlineData("19700000", "19750315", 3)]
    [InlineData("19700315", "", -1)]
    public void Dates_of_birth_compare_in_levels(string a, string b, int level) => Assert.Equal(level, Comparison.DateOfBirth(a, b));

    [Fact]
    public void A_model_stored_before_the_comparison_gained_a_level_does_not_fit_it()
    {
        var model = DefaultModel.For(100_000);
        Assert.True(model.FitsComparison);
        var older = new FellegiSunterModel
        {
            M = [.. model.M.Select((m, f) => f == (int)Field.DateOfBirth ? m[..5] : m)],
            U = [.. model.U.Select((u, f) => f == (int)Field.DateOfBirth ? u[..5] : u)],
            Prior = model.Prior, GivenNameFrequency = [], SurnameFrequency = [], RecordCount = 1,
        };
        Assert.False(older.FitsComparison);
    }
}
