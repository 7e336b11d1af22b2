using Expunge.CountyRecords;
using Expunge.Linkage;

namespace Expunge.CountyRecords.Tests;

/// <summary>What an operator finds a person by: the same key however the sources spell it (pure).</summary>
public sealed class PersonLookupKeysTests
{
    [Fact]
    public void A_record_gives_its_CII_and_each_name_with_the_date_of_birth_and_a_query_written_differently_meets_them()
    {
        var identity = new LinkageRecord
        {
            Id = "doj/1", Surname = "De La Cruz", GivenName = "Patricia", DateOfBirth = "19620314", StrongId = "A12345678", Aliases = ["ROE,PAT R"],
        };
        var keys = PersonLookupKeys.Of(identity);

        Assert.Equal(["cii:A12345678", "name-dob:DELACRUZ,PATRICIA|19620314", "name-dob:ROE,PAT|19620314"], keys);
        Assert.Contains(PersonLookupKeys.ForQuery(" a1234-5678 ", null, null), keys);
        Assert.Contains(PersonLookupKeys.ForQuery(null, "DE LA CRUZ, patricia r", "03/14/1962"), keys);
        Assert.Contains(PersonLookupKeys.ForQuery(null, "roe,pat", "1962-03-14"), keys);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, "DOE,JANE", null)]
    [InlineData(null, "DOE,JANE", "1962-13-45")]
    [InlineData(null, "DOE JANE", "1962-03-14")]
    public void A_query_naming_neither_a_CII_nor_a_name_and_a_real_date_gives_no_key(string? cii, string? name, string? dob) =>
        Assert.Null(PersonLookupKeys.ForQuery(cii, name, dob));
}
