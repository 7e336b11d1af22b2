using Expunge.Linkage;

namespace Expunge.Linkage.Tests;

/// <summary>
/// Accuracy floors on the FEBRL benchmark (tests/data/febrl, see its README): the targets of the linkage issue, with
/// the SSN-like field and without it. The model is trained without labels; the labels only score the output.
/// </summary>
public class FebrlAccuracyTests
{
    private static IReadOnlyList<LinkageRecord> Load(string name, bool withId)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "febrl", name));
        return Febrl.Read(reader, withId);
    }

    private static LinkageScore Score(LinkageResult result, IEnumerable<(string, string)> truth) =>
        LinkageScore.Of(result.LinkedPairs().Select(p => (result.Records[p.A].Id, result.Records[p.B].Id)), truth);

    [Theory]
    [InlineData(true, 0.9996)]
    [InlineData(false, 0.998)]
    public void Febrl4_linkage_reaches_its_f1_floor(bool withId, double floor)
    {
        var (left, right) = (Load("dataset4a.csv", withId), Load("dataset4b.csv", withId));
        var result = Linker.LinkOneToOne(left, right);
        var score = Score(result, Febrl.TrueLinkPairs(left, right));
        Assert.True(score.F1 >= floor, $"FEBRL4 (id {withId}): {score}");
        Assert.True(LinkageScore.Completeness(result.Compared.Select(p => (result.Records[p.A].Id, result.Records[p.B].Id)), Febrl.TrueLinkPairs(left, right)) >= 0.995);
    }

    [Theory]
    [InlineData(true, 0.998)]
    [InlineData(false, 0.998)]
    public void Febrl3_deduplication_reaches_its_f1_floor(bool withId, double floor)
    {
        var records = Load("dataset3.csv", withId);
        var score = Score(Linker.Deduplicate(records), Febrl.TrueDuplicatePairs(records));
        Assert.True(score.F1 >= floor, $"FEBRL3 (id {withId}): {score}");
    }

    [Fact]
    public void Febrl_reader_rejects_a_row_with_the_wrong_field_count()
    {
        using var reader = new StringReader("rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\nrec-1-org, a, b\n");
        var error = Assert.Throws<InvalidDataException>(() => Febrl.Read(reader));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
