namespace Expunge.Linkage;

/// <summary>
/// Every linked record held in memory by its blocking keys, with the person it belongs to: what an incoming batch is
/// compared against. A service keeps one as a cache of its database (<see cref="Version"/> says how far it has
/// caught up), so a batch finds its candidates without reading and standardising thousands of stored identities.
/// Not thread-safe: one batch links at a time.
/// </summary>
public sealed class CandidateIndex
{
    private readonly List<StandardRecord?> _records = []; // slot → record; null once replaced
    private readonly List<Guid> _personOf = [];
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, List<int>> _blocks = [];
    private readonly Dictionary<Guid, List<int>> _members = [];

    /// <summary>The version of the stored links this index reflects (the service's own counter).</summary>
    public long Version { get; private set; }

    public int Count => _slotOf.Count;

    public int People => _members.Count;

    public Guid? PersonOf(string recordId) => _slotOf.TryGetValue(recordId, out var slot) ? _personOf[slot] : null;

    /// <summary>Adds a record, or replaces what is known of it (a record sent again with another identity, or moved to
    /// another person).</summary>
    public void Set(StandardRecord record, Guid person)
    {
        if (_slotOf.TryGetValue(record.Id, out var slot))
        {
            var old = _records[slot]!;
            if (ReferenceEquals(old, record) || SameKeys(old, record))
            {
                _records[slot] = record;
                MovePerson(slot, person);
                return;
            }
            Remove(slot);
        }
        slot = _records.Count;
        _records.Add(record);
        _personOf.Add(person);
        _slotOf[record.Id] = slot;
        Members(person).Add(slot);
        foreach (var (hash, _) in record.BlockingKeys)
        {
            if (!_blocks.TryGetValue(hash, out var block)) _blocks[hash] = block = [];
            block.Add(slot);
        }
    }

    /// <summary>Every record of <paramref name="absorbed"/> now belongs to <paramref name="kept"/>.</summary>
    public void Merge(Guid absorbed, Guid kept)
    {
        if (absorbed == kept || !_members.Remove(absorbed, out var moved)) return;
        foreach (var slot in moved) _personOf[slot] = kept;
        Members(kept).AddRange(moved);
    }

    public void Advance(long version) => Version = Math.Max(Version, version);

    /// <summary>Known records sharing a blocking key with any incoming record; blocks larger than their key's cap
    /// (<see cref="Blocking.CapOf"/>) are skipped, as batch blocking skips them.</summary>
    public IReadOnlyList<KnownRecord> Candidates(IEnumerable<StandardRecord> incoming)
    {
        var seen = new HashSet<int>();
        var candidates = new List<KnownRecord>();
        foreach (var record in incoming)
        {
            foreach (var (hash, cap) in record.BlockingKeys)
            {
                if (!_blocks.TryGetValue(hash, out var block) || block.Count > cap) continue;
                foreach (var slot in block)
                {
                    if (seen.Add(slot)) candidates.Add(new KnownRecord(_records[slot]!, _personOf[slot]));
                }
            }
        }
        return candidates;
    }

    private List<int> Members(Guid person)
    {
        if (!_members.TryGetValue(person, out var list)) _members[person] = list = [];
        return list;
    }

    private void MovePerson(int slot, Guid person)
    {
        var from = _personOf[slot];
        if (from == person) return;
        if (_members.TryGetValue(from, out var list))
        {
            list.Remove(slot);
            if (list.Count == 0) _members.Remove(from);
        }
        _personOf[slot] = person;
        Members(person).Add(slot);
    }

    private void Remove(int slot)
    {
        var record = _records[slot]!;
        foreach (var (hash, _) in record.BlockingKeys)
        {
            if (_blocks.TryGetValue(hash, out var block) && block.Remove(slot) && block.Count == 0) _blocks.Remove(hash);
        }
        if (_members.TryGetValue(_personOf[slot], out var list))
        {
            list.Remove(slot);
            if (list.Count == 0) _members.Remove(_personOf[slot]);
        }
        _records[slot] = null;
        _slotOf.Remove(record.Id);
    }

    private static bool SameKeys(StandardRecord a, StandardRecord b) => a.BlockingKeys.AsSpan().SequenceEqual(b.BlockingKeys);
}
