using System.Globalization;

namespace Expunge.Doj;

/// <summary>
/// Collects one subject's rows, in the order they were read, into a <see cref="RapSheet"/>, keeping only the facts the
/// rules use. Rows may come in any order and from several files; the conventions are those of doj-extract.md:
/// the first convicted row of a CNT_ORDER is the conviction and later rows of that CNT_ORDER add sentence components;
/// a case is the first 6 digits of CNT_ORDER and its number the distinct OFNs of its COURT ACTION rows.
/// </summary>
public sealed class RapSheetBuilder(string subjectId)
{
    private readonly Dictionary<string, PendingConviction> _convictions = new(StringComparer.Ordinal);
    private Dictionary<string, PendingConviction>.AlternateLookup<ReadOnlySpan<char>>? _convictionsBySpan;
    private readonly List<string> _order = [];
    private readonly Dictionary<string, List<string>> _caseNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _courtCaseFeNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _cycleNumbers = new(StringComparer.Ordinal);
    private readonly List<Registration> _registrations = [];
    private string? _cii;
    private string? _name;
    private DojDate? _dob;
    private bool _deceased;

    public string SubjectId { get; } = subjectId;

    public void Add<TRow>(scoped TRow row) where TRow : IDojFields, allows ref struct
    {
        if (_name is null)
        {
            _cii = row[DojColumns.CiiNumber].ToString();
            _name = row[DojColumns.PrimaryName].ToString();
            _dob = DojDate.ParseOrNull(row[DojColumns.PrimaryDob]);
        }
        var stepType = row[DojColumns.StepTypeDescription];
        if (stepType.StartsWith("DECEASED", StringComparison.OrdinalIgnoreCase))
        {
            _deceased = true;
        }
        var cntOrder = row[DojColumns.CountOrder];
        var courtAction = stepType.Equals("COURT ACTION", StringComparison.OrdinalIgnoreCase);
        if (courtAction && cntOrder.Length >= 6)
        {
            AddNumber(_caseNumbers, cntOrder[..6], row[DojColumns.Ofn]);
        }
        if (cntOrder.Length >= 6)
        {
            // Where the OFN is missing, DOJ often has the court case number here.
            AddNumber(_courtCaseFeNumbers, cntOrder[..6], row[DojColumns.FeNumCourtCase]);
        }
        if (cntOrder.Length >= 3)
        {
            var cycle = cntOrder[..3];
            if (!courtAction) AddNumber(_cycleNumbers, cycle, row[DojColumns.Ofn]);
            foreach (var column in DojColumns.EventNumberColumns) AddNumber(_cycleNumbers, cycle, row[column]);
        }
        if (stepType.StartsWith("REGISTRATION", StringComparison.OrdinalIgnoreCase))
        {
            var offense = Offense(row);
            if (offense.StartsWith("290", StringComparison.Ordinal))
            {
                _registrations.Add(new Registration(DojDate.ParseOrNull(row[DojColumns.StepEventDate]), offense));
            }
        }

        _convictionsBySpan ??= _convictions.GetAlternateLookup<ReadOnlySpan<char>>();
        if (cntOrder.Length > 0 && _convictionsBySpan.Value.TryGetValue(cntOrder, out var existing))
        {
            existing.Sentence = existing.Sentence.Plus(SentenceOf(row));
            return;
        }
        if (row[DojColumns.DispositionDescription].StartsWith("CONVICTED", StringComparison.OrdinalIgnoreCase))
        {
            // A count without CNT_ORDER cannot be matched to its other rows: each such conviction row stands alone.
            var key6 = cntOrder.Length > 0 ? cntOrder.ToString() : $"?{_order.Count}";
            var comment = row[DojColumns.CommentText];
            var charge = ChargeCache.FromRow(row[DojColumns.OffenseDescription], comment);
            var level = row[DojColumns.ConvictionStatusDescription];
            var felony = level.Equals("FELONY", StringComparison.OrdinalIgnoreCase)
                         || (DojValues.IsBlank(level) && row[DojColumns.OffenseToc].Equals("F", StringComparison.OrdinalIgnoreCase));
            _convictions[key6] = new PendingConviction
            {
                CntOrder = key6,
                Date = DojDate.ParseOrNull(row[DojColumns.StepEventDate]),
                County = CountyName(row[DojColumns.StepAgencyCountyName]),
                IsFelony = felony,
                Charge = charge,
                Sentence = SentenceOf(row),
                CommentNamesOtherProp64 = comment.Length >= 5 && CommentNamesOtherProp64(charge, comment.ToString()),
            };
            _order.Add(key6);
        }
    }

    /// <summary>Keeps a number under its case or cycle, once. A value without a digit (blank, <c>NULL</c>, a filler
    /// <c>-</c>) is no number.</summary>
    private static void AddNumber(Dictionary<string, List<string>> numbersOf, ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAnyInRange('1', '9') < 0) return;
        var lookup = numbersOf.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out var numbers)) numbersOf[key.ToString()] = numbers = [];
        foreach (var known in numbers)
        {
            if (value.SequenceEqual(known)) return;
        }
        numbers.Add(value.ToString());
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Counties = new(StringComparer.Ordinal);

    /// <summary>Upper-case county names, one string per county however many rows name it.</summary>
    private static string CountyName(ReadOnlySpan<char> name)
    {
        var lookup = Counties.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var known)) return known;
        var key = name.ToString();
        return Counties.Count < 10_000 ? Counties.GetOrAdd(key, key.ToUpperInvariant()) : key.ToUpperInvariant();
    }

    public RapSheet Build() => new(
        SubjectId,
        _cii ?? "",
        _name ?? "",
        _dob,
        _deceased,
        [.. _order.Select(key =>
        {
            var c = _convictions[key];
            var caseKey = c.CntOrder.Length >= 6 ? c.CntOrder[..6] : c.CntOrder;
            var caseNumber = _caseNumbers.TryGetValue(caseKey, out var numbers) || _courtCaseFeNumbers.TryGetValue(caseKey, out numbers)
                ? string.Join("; ", numbers) : "";
            return new Conviction(c.CntOrder, caseNumber, c.Date, c.County, c.IsFelony, c.Charge, c.Sentence, c.CommentNamesOtherProp64)
            {
                EventNumbers = c.CntOrder.Length >= 3 && _cycleNumbers.TryGetValue(c.CntOrder[..3], out var cycleNumbers) ? cycleNumbers : [],
            };
        })],
        [.. _registrations]);

    private static string Offense<TRow>(scoped TRow row) where TRow : IDojFields, allows ref struct
    {
        return ChargeParser.ChargeText(row[DojColumns.OffenseDescription], row[DojColumns.CommentText]).ToString();
    }

    /// <summary>A row's sentence component: nothing when it names no time, unknown when its length or unit is unreadable.</summary>
    private static Sentence SentenceOf<TRow>(scoped TRow row) where TRow : IDojFields, allows ref struct
    {
        var length = row[DojColumns.SentenceLength];
        var unit = row[DojColumns.SentenceTimeCode];
        var noLength = DojValues.IsBlank(length);
        var noUnit = DojValues.IsBlank(unit);
        if (noLength && noUnit)
        {
            return Sentence.None;
        }
        if (noLength || !int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return new Sentence(0, 0, 0, Unknown: true);
        }
        return unit switch
        {
            "D" or "d" => new Sentence(0, 0, n, false),
            "M" or "m" => new Sentence(0, n, 0, false),
            "Y" or "y" => new Sentence(n, 0, 0, false),
            _ => new Sentence(0, 0, 0, Unknown: true),
        };
    }

    /// <summary>COMMENT_TEXT naming an 11357–11360 section other than the coded one: a reviewer should look.</summary>
    private static bool CommentNamesOtherProp64(Charge coded, string comment)
    {
        if (comment.Length < 5) return false;
        var codedProp64 = coded.Offenses.Where(o => o.IsProp64).Select(o => o.Section).ToHashSet();
        for (var i = 0; i + 5 <= comment.Length; i++)
        {
            if ((i > 0 && char.IsAsciiDigit(comment[i - 1])) || (i + 5 < comment.Length && char.IsAsciiDigit(comment[i + 5])))
            {
                continue; // token boundaries: 113570 or 211357 name no cannabis section
            }
            var candidate = comment.Substring(i, 5);
            if (Doj.Offense.Prop64Sections.Contains(candidate) && !codedProp64.Contains(candidate))
            {
                return true;
            }
        }
        return false;
    }

    private sealed class PendingConviction
    {
        public required string CntOrder { get; init; }
        public required DojDate? Date { get; init; }
        public required string County { get; init; }
        public required bool IsFelony { get; init; }
        public required Charge Charge { get; init; }
        public required Sentence Sentence { get; set; }
        public required bool CommentNamesOtherProp64 { get; init; }
    }
}
