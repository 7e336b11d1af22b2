namespace Expunge.OperatorConsole.Apis;

// What the console reads from the services' JSON (names match case-insensitively). Only the fields the pages show.

public sealed record RunInfo(Guid RunId, string Status, DateTime CreatedAt, DateTime? ClosedAt, DateTime? IngestedAt, long RowsRead,
    long RowsRejected, long? Records, int? BatchCount);

public sealed record RunFileInfo(string Name, string Kind, DateTime ReceivedAt, long RowsRead, long RowsRejected);

public sealed record RunDetails(RunInfo Run, IReadOnlyList<RunFileInfo> Files);

public sealed record RejectedRowInfo(string File, long Line, string Code, string Message, string RawText);

public sealed record StageProgress(string Stage, int? ExpectedBatches, int ProcessedBatches, long Items, bool Complete,
    DateTimeOffset? StartedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? CompletedAt)
{
    public TimeSpan? Elapsed(DateTimeOffset now) => StartedAt is { } start ? (CompletedAt ?? now) - start : null;

    public double? ItemsPerSecond(DateTimeOffset now) => Elapsed(now) is { TotalSeconds: > 0.5 } e ? Items / e.TotalSeconds : null;
}

public sealed record ReasonCount(string Determination, string ReasonCode, long Count);

public sealed record RunDeterminations(long People, long Pending, long Decided, string? Note, IReadOnlyList<ReasonCount> Convictions);

public sealed record ReviewEntry(long DeterminationId, Guid PersonId, Guid RunId, string Status, DateTime OpenedAt, string? ResolvedBy,
    DateTime? ResolvedAt, string? ResolutionNote, IReadOnlyDictionary<string, string> Decision);

public sealed record PersonRecord(string Source, string SourceRecordId, string? Name, string? DateOfBirth, string? CiiNumber,
    IReadOnlyList<string>? Aliases, int Rows);

public sealed record PersonDecision(long DeterminationId, string Determination, string ReasonCode, string Policy, int PolicyVersion,
    string DecidedBy, DateTime DecidedAt, string? Note, long? SupersededBy, string Sources, IReadOnlyList<string> References,
    IReadOnlyList<string> Conflicts, IReadOnlyList<string> Values);

public sealed record PersonView(Guid PersonId, Guid RunId, IReadOnlyList<PersonRecord> Records, IReadOnlyList<string> Header,
    IReadOnlyList<PersonDecision> Decisions);

public sealed record FieldEvidence(string Field, string Agreement, string ValueA, string ValueB, double Weight);

public sealed record LinkagePair(long PairId, string ASource, string ARecordId, Guid? APerson, string BSource, string BRecordId, Guid? BPerson,
    double Probability, string Reason, string Status, DateTime OpenedAt, string? DecidedBy, string? Note, IReadOnlyList<FieldEvidence> Evidence);

public sealed record DocumentInfo(string Name, string MediaType, long Bytes, string Sha256);

public sealed record PackageInfo(Guid PackageId, string PackageKey, int Version, Guid RequestId, Guid? RunId, string Court, string Agency,
    int Rows, int EligibleRows, DateTime CreatedAt, IReadOnlyList<DocumentInfo> Documents, int Accepted, int Rejected);

public sealed record RunFilings(long AwaitingDecision, IReadOnlyList<PackageInfo> Packages);

public sealed record DeliveryInfo(Guid DeliveryId, Guid RecipientId, string Kind, Guid SubjectId, string Status, int Attempts,
    DateTime NextAttemptAt, string? LastError, DateTime? DeliveredAt, DateTime CreatedAt, string Channel, string Address);

public sealed record StoredPolicy(string County, int Version, string Name, string PolicyJson, DateTime CreatedAt, string CreatedBy);

public sealed record PolicyVersions(StoredPolicy Current, IReadOnlyList<StoredPolicy> Versions);

public sealed record PolicyChoice(string? County, int? Version, bool? Run);

public sealed record Impact(int NoFelonyLeft, int NoConvictionLeft, int NoConvictionInLast7YearsLeft);

public sealed record WhatIfResult(string Policy, int Version, string County, long People, IReadOnlyDictionary<string, long> Determinations, Impact Impact);

public sealed record WhatIfAnswer(Guid RunId, IReadOnlyList<WhatIfResult> Policies);
