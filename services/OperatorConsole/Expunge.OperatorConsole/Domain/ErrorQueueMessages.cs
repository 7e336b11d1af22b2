namespace Expunge.OperatorConsole.Domain;

/// <summary>A message MassTransit moved to an <c>_error</c> queue, with the fault it recorded in the headers.</summary>
public sealed record FaultedMessage(string MessageId, string MessageType, string ExceptionType, string ExceptionMessage, string? StackTrace,
    DateTimeOffset? FaultedAt, int Bytes);

/// <summary>Messages that failed the same way: one fix re-drives them all.</summary>
public sealed record FaultGroup(string ExceptionType, string ExceptionMessage, IReadOnlyList<FaultedMessage> Messages);

public static class ErrorQueueMessages
{
    public const string ErrorSuffix = "_error";

    /// <summary>The queue a faulted message came from: MassTransit names the error queue after it.</summary>
    public static string SourceQueueOf(string errorQueue) =>
        errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? errorQueue[..^ErrorSuffix.Length]
            : throw new ArgumentException($"'{errorQueue}' is not an error queue (its name must end in {ErrorSuffix}).", nameof(errorQueue));

    /// <summary>Groups by exception type and the first line of its message (ids and numbers in it still differ; the
    /// fault is the same), largest group first.</summary>
    public static IReadOnlyList<FaultGroup> Group(IEnumerable<FaultedMessage> messages) =>
        [.. messages.GroupBy(m => (m.ExceptionType, FirstLine(m.ExceptionMessage)))
            .Select(g => new FaultGroup(g.Key.ExceptionType, g.Key.Item2, [.. g]))
            .OrderByDescending(g => g.Messages.Count).ThenBy(g => g.ExceptionType, StringComparer.Ordinal)];

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
