using Expunge.Contracts;

namespace Expunge.Pipeline.Tests;

/// <summary>Small, readable source records for stage tests.</summary>
internal static class Records
{
    public static SourceRecord Doj(string subjectId, string name = "DOE,JANE") => new()
    {
        Source = "doj",
        SourceRecordId = subjectId,
        Identity = new PersonIdentity { Name = name, DateOfBirth = "19700101" },
        Rows = [new SourceRow { File = "extract.dat", Line = 2, Fields = [subjectId, name] }],
    };

    public static SourceRecordsIngested Batch(Guid runId, int sequence, params string[] subjectIds) =>
        new() { RunId = runId, Sequence = sequence, Records = [.. subjectIds.Select(id => Doj(id))] };

    public static RunIngested Ingested(Guid runId, int batches) =>
        new() { RunId = runId, BatchCount = batches, RowsRead = batches, RowsRejected = 0, Records = batches };
}
