using Expunge.Contracts;
using DojColumns = Expunge.Doj.DojColumns;

namespace Expunge.Pipeline.Tests;

/// <summary>Small, readable source records for stage tests.</summary>
internal static class Records
{
    private static readonly string[] Surnames = ["ADAMS", "BAKER", "CHAVEZ", "DIAZ", "EVANS", "FLORES", "GREEN", "HUANG", "IBARRA", "JONES", "KOWALSKI"];

    /// <summary>A DOJ subject whose identity is its own: a different surname and date of birth per subject id, so
    /// matching keeps different subjects apart (the same identity under two ids is one person).</summary>
    public static SourceRecord Doj(string subjectId, string? name = null)
    {
        var n = subjectId.Aggregate(17, (h, c) => (h * 31) + c) & 0x7FFFFFFF;
        name ??= $"{Surnames[n % Surnames.Length]},JANE";
        return new()
        {
            Source = "doj",
            SourceRecordId = subjectId,
            Identity = new PersonIdentity { Name = name, DateOfBirth = $"19{50 + (n % 40)}{1 + (n % 12):D2}{1 + (n % 28):D2}" },
            Rows = [new SourceRow { File = "extract.dat", Line = 2, Fields = [subjectId, name] }],
        };
    }

    /// <summary>A DOJ rap sheet with one Los Angeles felony conviction, as the extract writes it (95 fields).</summary>
    public static SourceRecord DojFelony(string subjectId, string charge, string convictedOn, string sentenceYears, string dob = "19900101")
    {
        var f = Enumerable.Repeat("", DojColumns.Count).ToArray();
        f[DojColumns.SubjectId] = subjectId;
        f[DojColumns.PrimaryName] = "DOE,JANE";
        f[DojColumns.PrimaryDob] = dob;
        f[DojColumns.StepEventDate] = convictedOn;
        f[DojColumns.StepTypeDescription] = "COURT ACTION";
        f[DojColumns.StepAgencyCountyName] = "LOS ANGELES";
        f[DojColumns.CountOrder] = "001002001000";
        f[DojColumns.OffenseDescription] = charge;
        f[DojColumns.DispositionDescription] = "CONVICTED-PRISON";
        f[DojColumns.ConvictionStatusDescription] = "FELONY";
        f[DojColumns.SentenceLength] = sentenceYears;
        f[DojColumns.SentenceTimeCode] = "Y";
        return new SourceRecord
        {
            Source = "doj", SourceRecordId = subjectId, Identity = new PersonIdentity { Name = "DOE,JANE" },
            Rows = [new SourceRow { File = "extract.dat", Line = 2, Fields = f }],
        };
    }

    public static string LaPolicy(string asOf) => $$"""{ "policy": "la-2020", "county": "LOS ANGELES", "asOf": "{{asOf}}" }""";

    public static SourceRecordsIngested Batch(Guid runId, int sequence, params string[] subjectIds) =>
        new() { RunId = runId, Sequence = sequence, Records = [.. subjectIds.Select(id => Doj(id))] };

    public static RunIngested Ingested(Guid runId, int batches) =>
        new() { RunId = runId, BatchCount = batches, RowsRead = batches, RowsRejected = 0, Records = batches };
}

/// <summary>Records of one made-up person as different sources describe her.</summary>
internal static class People
{
    public static SourceRecord Court(string caseNumber, string surname, string given, string? dob, string? cii = null) => new()
    {
        Source = "court",
        SourceRecordId = caseNumber,
        Identity = new PersonIdentity { Surname = surname, GivenName = given, Name = $"{surname},{given}", DateOfBirth = dob, CiiNumber = cii, CourtCaseNumbers = [caseNumber] },
        Rows = [new SourceRow { File = "court.csv", Line = 2, Fields = [.. Enumerable.Repeat("", Expunge.CountyRecords.CountyLayout.Court.Columns.Count)], RowId = $"{caseNumber}#1" }],
    };

    public static SourceRecord Doj(string subjectId, string name, string? dob, string? cii) => new()
    {
        Source = "doj",
        SourceRecordId = subjectId,
        Identity = new PersonIdentity { Name = name, DateOfBirth = dob, CiiNumber = cii },
        Rows = [new SourceRow { File = "extract.dat", Line = 2, Fields = [subjectId, name] }],
    };

    /// <summary>A DOJ subject convicted of one Los Angeles 11359 felony in court case <paramref name="ofn"/>, count 1.</summary>
    public static SourceRecord DojConviction(string subjectId, string name, string dob, string cii, string ofn, string convictedOn)
    {
        var f = Enumerable.Repeat("", DojColumns.Count).ToArray();
        (f[DojColumns.SubjectId], f[DojColumns.PrimaryName], f[DojColumns.PrimaryDob], f[DojColumns.CiiNumber]) = (subjectId, name, dob, cii);
        (f[DojColumns.StepEventDate], f[DojColumns.StepTypeDescription], f[DojColumns.StepAgencyCountyName]) = (convictedOn, "COURT ACTION", "LOS ANGELES");
        (f[DojColumns.CountOrder], f[DojColumns.Ofn], f[DojColumns.OffenseDescription]) = ("001002001000", ofn, "11359 HS-POSSESS MARIJUANA FOR SALE");
        (f[DojColumns.DispositionDescription], f[DojColumns.ConvictionStatusDescription]) = ("CONVICTED-JAIL", "FELONY");
        return new SourceRecord
        {
            Source = "doj", SourceRecordId = subjectId,
            Identity = Expunge.CountyRecords.SourceIdentities.OfDojRows([f]),
            Rows = [new SourceRow { File = "extract.dat", Line = 2, Fields = f }],
        };
    }

    /// <summary>A court case with count 1, an 11359 felony conviction, as the court export holds it.</summary>
    public static SourceRecord CourtConviction(string caseNumber, string surname, string given, string dob, string cii, string convictedOn)
    {
        var layout = Expunge.CountyRecords.CountyLayout.Court;
        var f = Enumerable.Repeat("", layout.Columns.Count).ToArray();
        foreach (var (column, value) in new[] { ("court_case_number", caseNumber), ("count_number", "1"), ("defendant_last_name", surname),
                     ("defendant_first_name", given), ("date_of_birth", dob), ("cii_number", cii), ("charge_code", "HS 11359"), ("charge_level", "F"),
                     ("disposition", "CONVICTED"), ("disposition_date", convictedOn.Replace("-", "", StringComparison.Ordinal)) })
        {
            f[layout.Index(column)] = value;
        }
        return new SourceRecord
        {
            Source = "court", SourceRecordId = caseNumber,
            Identity = Expunge.CountyRecords.SourceIdentities.OfCountyRows("court", [f]),
            Rows = [new SourceRow { File = "court.csv", Line = 2, Fields = f, RowId = $"{caseNumber}#1" }],
        };
    }

    public static SourceRecordsIngested Batch(Guid runId, params SourceRecord[] records) => new() { RunId = runId, Sequence = 0, Records = records };
}
