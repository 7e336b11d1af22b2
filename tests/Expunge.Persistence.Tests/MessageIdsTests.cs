namespace Expunge.Persistence.Tests;

public sealed class MessageIdsTests
{
    [Fact]
    public void The_same_run_stage_and_sequence_always_give_the_same_id()
    {
        var run = Guid.Parse("0194d3f6-0000-7000-8000-000000000001");

        Assert.Equal(MessageIds.For(run, "matching", 3), MessageIds.For(run, "matching", 3));
        Assert.NotEqual(MessageIds.For(run, "matching", 3), MessageIds.For(run, "matching", 4));
        Assert.NotEqual(MessageIds.For(run, "matching", 3), MessageIds.For(run, "eligibility", 3));
        Assert.NotEqual(MessageIds.For(run, "matching", 3), MessageIds.For(Guid.NewGuid(), "matching", 3));
    }

    [Fact]
    public void Ids_are_well_formed_version_8_uuids()
    {
        var id = MessageIds.For(Guid.NewGuid(), "ingestion", 0).ToString();

        Assert.Equal('8', id[14]);
        Assert.Contains(id[19], "89ab");
    }
}
