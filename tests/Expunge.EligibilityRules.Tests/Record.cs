using Expunge.Doj;
using Expunge.EligibilityRules;

namespace Expunge.EligibilityRules.Tests;

/// <summary>
/// Builds a rap sheet the way DOJ writes it (95-field rows through <see cref="RapSheetBuilder"/>), so every rule test
/// also exercises the reading conventions. Each conviction is its own case unless a case is named.
/// </summary>
internal sealed class Record
{
    private readonly List<string[]> _rows = [];
    private string _dob = "19700101";
    private readonly Dictionary<string, int> _countsInCase = [];
    private int _cycle;

    public static Record Born(string dob) => new() { _dob = dob };

    public static Record NoDob() => new() { _dob = "" };

    /// <summary>A conviction; returns its CNT_ORDER. <paramref name="inCaseOf"/> puts it in the case of an earlier count.</summary>
    public Record Convicted(string charge, string on, bool felony = true, string county = "LOS ANGELES",
        string? sentence = null, string? inCaseOf = null, string comment = "", string disposition = "CONVICTED-JAIL")
    {
        var kase = inCaseOf is null ? $"{++_cycle:D3}002" : inCaseOf[..6];
        _countsInCase[kase] = _countsInCase.GetValueOrDefault(kase) + 1;
        var cnt = $"{kase}{_countsInCase[kase]:D3}000";
        var row = Row(on, "COURT ACTION", county, cnt);
        row[DojColumns.OffenseDescription] = charge;
        row[DojColumns.ConvictionStatusDescription] = felony ? "FELONY" : "MISDEMEANOR";
        row[DojColumns.DispositionDescription] = disposition;
        row[DojColumns.Ofn] = $"CASE{cnt[..6]}";
        row[DojColumns.CommentText] = comment;
        if (sentence is not null)
        {
            var parts = sentence.Split(' ');
            row[DojColumns.SentenceLength] = parts[0];
            row[DojColumns.SentenceTimeCode] = parts.Length > 1 ? parts[1] : "";
        }
        _rows.Add(row);
        LastCount = cnt;
        return this;
    }

    public string LastCount { get; private set; } = "";

    /// <summary>Another sentence component row of the last conviction.</summary>
    public Record AlsoSentenced(string length, string unit)
    {
        var row = (string[])_rows[^1].Clone();
        row[DojColumns.SentenceLength] = length;
        row[DojColumns.SentenceTimeCode] = unit;
        _rows.Add(row);
        return this;
    }

    public Record Registered(string offense, string on)
    {
        var row = Row(on, "REGISTRATION", "LOS ANGELES", $"{++_cycle:D3}001001000");
        row[DojColumns.OffenseDescription] = offense;
        _rows.Add(row);
        return this;
    }

    public Record Died(string on)
    {
        _rows.Add(Row(on, "DECEASED", "LOS ANGELES", $"{++_cycle:D3}001001000"));
        return this;
    }

    public RapSheet Build()
    {
        var builder = new RapSheetBuilder("1");
        foreach (var row in _rows) builder.Add(new DojFieldArray(row));
        return builder.Build();
    }

    public IReadOnlyList<Decision> Decide(Policy policy) => EligibilityEngine.Decide(Build(), policy);

    /// <summary>The decision for the conviction with this CNT_ORDER (default: the first decided).</summary>
    public Decision DecisionFor(Policy policy, string? cnt = null)
    {
        var decisions = Decide(policy);
        return cnt is null ? decisions[0] : decisions.Single(d => d.Conviction.CntOrder == cnt);
    }

    private string[] Row(string date, string stepType, string county, string cnt)
    {
        var row = Enumerable.Repeat("", DojColumns.Count).ToArray();
        row[DojColumns.SubjectId] = "1";
        row[DojColumns.CiiNumber] = "A1";
        row[DojColumns.PrimaryName] = "DOE,JANE";
        row[DojColumns.PrimaryDob] = _dob;
        row[DojColumns.StepEventDate] = date;
        row[DojColumns.StepTypeDescription] = stepType;
        row[DojColumns.StepAgencyCountyName] = county;
        row[DojColumns.CountOrder] = cnt;
        return row;
    }
}

internal static class Policies
{
    public static readonly DateOnly AsOf = new(2020, 7, 1);

    public static La2020Policy La(int age = 50, int free = 10, string asOf = "2020-07-01") =>
        new(1, "LOS ANGELES", DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), age, free);

    public static ConfigurablePolicy Configurable(string[]? dismiss = null, string[]? reduce = null, AdditionalRelief? relief = null) =>
        new(1, "LOS ANGELES", AsOf, dismiss ?? [], reduce ?? [], relief ?? AdditionalRelief.None);

    public static StatutePolicy Statute() => new(1, "LOS ANGELES", AsOf);
}
