namespace Expunge.Notifications.Domain;

/// <summary>A condition operators are told about while it holds: its kind, what it is about, and what to say.</summary>
public sealed record AlertCondition(string Kind, string Key, string Summary);

/// <summary>
/// Which alerts to open and which to close, given the open ones and the conditions that hold now. An alert whose
/// source could not be read this time (<paramref name="unknownKinds"/>) stays as it is: unreadable is not all clear. Pure.
/// </summary>
public static class AlertConditions
{
    public static (IReadOnlyList<AlertCondition> Open, IReadOnlyList<(string Kind, string Key)> Resolve) Diff(
        IReadOnlyCollection<(string Kind, string Key)> open, IReadOnlyList<AlertCondition> holding, IReadOnlySet<string> unknownKinds)
    {
        var now = holding.Select(c => (c.Kind, c.Key)).ToHashSet();
        return ([.. holding.Where(c => !open.Contains((c.Kind, c.Key))).DistinctBy(c => (c.Kind, c.Key))],
            [.. open.Where(o => !now.Contains(o) && !unknownKinds.Contains(o.Kind))]);
    }
}
