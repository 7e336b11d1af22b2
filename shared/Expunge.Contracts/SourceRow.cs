namespace Expunge.Contracts;

/// <summary>One accepted input row, trimmed, with where it came from so every decision can be traced to a line.</summary>
public sealed record SourceRow
{
    public required string File { get; init; }
    public required long Line { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }
}
