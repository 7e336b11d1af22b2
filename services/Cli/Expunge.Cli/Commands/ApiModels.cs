namespace Expunge.Cli.Commands;

// Shapes of the services' JSON answers that the CLI reads (property names match case-insensitively).

public sealed record RunInfo(Guid RunId, string Status, long RowsRead, long RowsRejected, long? Records, int? BatchCount);

public sealed record RunDetails(RunInfo Run, IReadOnlyList<RunFileInfo> Files);

public sealed record RunFileInfo(string Name, string Kind, long RowsRead, long RowsRejected, long RowsWarned);

public sealed record RowErrorInfo(long Line, string Code, string Message);

public sealed record FileUploadResult(string File, long Rows, long Rejected, bool AllRowsRejected, IReadOnlyList<RowErrorInfo> Errors,
    long Warned, IReadOnlyList<RowErrorInfo>? Warnings);

public sealed record StageProgressInfo(string Stage, int? ExpectedBatches, int ProcessedBatches, long Items, bool Complete,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

public sealed record RejectedRowInfo(string File, long Line, string Code, string Message);

public sealed record RowWarningInfo(string File, long Line, string Code, string Message);

public sealed record SourceLinkInfo(string Source, string SourceRecordId, Guid PersonId);

public sealed record DeterminationCounts(long People, long Pending, long Decided, string? Note, IReadOnlyList<ReasonCount>? Convictions);

public sealed record ReasonCount(string Determination, string ReasonCode, long Count);

public sealed record FilingState(long AwaitingDecision);

public sealed record RunConvictionRow(Guid PersonId, string Source, long DeterminationId, IReadOnlyList<string> Values,
    IReadOnlyList<string>? References, IReadOnlyList<string>? Conflicts);

public sealed record RunConvictions(IReadOnlyList<string> Header, IReadOnlyList<RunConvictionRow> Rows);

/// <summary>How many of a run's people eligibility has decided, and how many wait for a policy.</summary>
public sealed record RunDeterminationsInfo(long People, long Pending, long Decided, string? Note);

public sealed record RunImpactInfo(string? RunPolicy, long People, long Subjects, long PolicyNoFelonyLeft, long PolicyNoConvictionLeft,
    long PolicyNoRecentLeft, long AllNoFelonyLeft, long AllNoConvictionLeft, long AllNoRecentLeft);
