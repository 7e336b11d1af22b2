using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>
/// The superstrike list (PC 667(e)(2)(C)(iv)) and the PC 290 registrable list, as eligibility.md writes them.
/// Attempts of a listed offense count. A bare entry (<c>187</c>) matches the section with or without a subsection;
/// where the list names subsections only those match: exactly for superstrikes, and with their sub-subsections for
/// PC 290.
/// </summary>
public static class OffenseLists
{
    private sealed record Entry(string Code, string Section, IReadOnlyList<IReadOnlyList<string>>? Paths, IReadOnlyList<IReadOnlyList<string>>? Excluded = null);

    private static IReadOnlyList<string> P(string path) =>
        [.. path.Split(['(', ')'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.ToLowerInvariant())];

    private static Entry Bare(string section, params string[] excluded) =>
        new("PC", section, null, excluded.Length == 0 ? null : [.. excluded.Select(P)]);

    private static Entry Only(string section, params string[] paths) => new("PC", section, [.. paths.Select(P)]);

    private static readonly Entry[] Superstrikes =
    [
        Bare("37"), Bare("128"), Bare("187"), Bare("188"), Bare("189"), Bare("189.1"), Bare("189.5"), Bare("190"),
        // "191(a)", "4500(a)" and "18745(a)" are named as not superstrikes, although their sections are listed bare.
        Bare("191", "(a)"), Bare("191.5"), Bare("205"), Bare("207"), Bare("209"), Bare("209.5"), Bare("217.1"), Bare("218"),
        Bare("219"), Bare("220"), Only("245", "(d)(3)"), Bare("261"), Bare("262"), Bare("264.1"), Bare("269"), Bare("273ab"),
        Only("286", "", "(c)(1)", "(c)(2)(a)", "(c)(2)(b)", "(c)(2)(c)", "(c)(3)", "(d)(1)", "(d)(2)", "(d)(3)"),
        Bare("287"), Only("288", "", "(a)", "(b)(1)", "(b)(2)"),
        Only("288a", "", "(c)(1)", "(c)(2)(a)", "(c)(2)(b)", "(c)(2)(c)", "(d)"),
        Bare("288.5"), Only("289", "", "(j)", "(a)(1)(a)", "(a)(1)(b)", "(a)(1)(c)", "(a)(2)(c)"),
        Bare("451.5"), Bare("653f"), Bare("667.61"), Bare("667.7"), Bare("667.71"), Bare("4500", "(a)"),
        Only("11418", "(a)(1)", "(b)(1)", "(b)(2)"), Bare("12308"), Bare("12310"), Bare("18745", "(a)"), Bare("18755"),
        new Entry("VC", "1672", [P("(a)")]),
    ];

    /// <summary>Offenses that are superstrikes only with the gang enhancement 186.22(b)(4).</summary>
    private static readonly Entry[] GangBases = [Bare("136.1"), Bare("215"), Only("213", "(a)(1)(a)"), Bare("246"), Bare("519"), Bare("12022.55")];

    private static readonly Entry GangEnhancement = Only("186.22", "(b)(4)");

    private static readonly Entry[] Pc290 =
    [
        Only("236.1", "(b)", "(c)"), Bare("243.4"), Bare("261"), Only("262", "(a)"), Bare("264.1"), Bare("266"), Bare("266c"),
        Only("266h", "(b)"), Only("266i", "(b)"), Bare("266j"), Bare("267"), Bare("269"), Bare("272"), Bare("285"), Bare("286"),
        Bare("287"), Bare("288"), Bare("288a"), Bare("288.2"), Bare("288.3"), Bare("288.4"), Bare("288.5"), Bare("288.7"),
        Bare("289"), Bare("311.1"), Only("311.2", "(b)", "(c)", "(d)"), Bare("311.3"), Bare("311.4"), Bare("311.10"),
        Bare("311.11"), Only("314", "(1)", "(2)"), Bare("451.5"), Bare("647.6"), Bare("647a"), Only("653f", "(b)", "(c)"),
    ];

    public static bool IsSuperstrike(Offense offense) => Membership(offense).Superstrike;

    public static bool IsPc290Registrable(Offense offense) => Membership(offense).Pc290;

    public static bool IsGangBase(Offense offense) => Membership(offense).GangBase;

    public static bool IsGangEnhancement(Offense offense) => Membership(offense).GangEnhancement;

    private sealed record Lists(bool Superstrike, bool Pc290, bool GangBase, bool GangEnhancement);

    // Parsed offenses are shared (ChargeCache), so each distinct offense is looked up in the lists once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Offense, Lists> Memberships = [];

    private static Lists Membership(Offense offense) => Memberships.GetValue(offense, o => new Lists(
        Superstrikes.Any(e => Matches(e, o, exactPaths: true)),
        Pc290.Any(e => Matches(e, o, exactPaths: false)),
        GangBases.Any(e => Matches(e, o, exactPaths: false)),
        Matches(GangEnhancement, o, exactPaths: false)));

    private static bool Matches(Entry entry, Offense offense, bool exactPaths)
    {
        // A section with no code written is read as the Penal Code's: the lists are PC lists, and a reviewer would
        // rather see "187 -MURDER" treated as murder than ignored.
        var code = offense.Code.Length == 0 ? "PC" : offense.Code;
        if (code != entry.Code || !SectionMatches(entry.Section, offense.Section))
        {
            return false;
        }
        if (entry.Excluded is { } excluded && excluded.Any(x => offense.SubsectionsStartWith(x)))
        {
            return false;
        }
        if (entry.Paths is null)
        {
            return true;
        }
        return entry.Paths.Any(path => exactPaths
            ? path.Count == offense.Subsections.Count && offense.SubsectionsStartWith(path)
            : offense.SubsectionsStartWith(path));
    }

    /// <summary>"190 and 190.x": 190 also stands for every 190.x section.</summary>
    private static bool SectionMatches(string listed, string actual) =>
        listed == actual || (listed == "190" && actual.StartsWith("190.", StringComparison.Ordinal));
}
