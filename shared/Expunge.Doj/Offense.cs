namespace Expunge.Doj;

/// <summary>
/// One offense normalised from a DOJ charge string: the code (<c>HS</c>, <c>PC</c>, …; empty when none was written),
/// the section as written in the law (<c>11357</c>, <c>186.22</c>, <c>288a</c>), the subsection path in lower case
/// (<c>["b", "2"]</c> for (b)(2)) and whether it is an attempt (PC 664).
/// </summary>
public sealed record Offense(string Code, string Section, IReadOnlyList<string> Subsections, bool Attempt)
{
    public static readonly IReadOnlyList<string> Prop64Sections = ["11357", "11358", "11359", "11360"];

    /// <summary>H&amp;S 11357–11360, attempts included: the convictions Prop 64 relief is about.</summary>
    public bool IsProp64 => Code == "HS" && Prop64Sections.Contains(Section);

    /// <summary>The path written the way the law writes it: <c>(b)(2)</c>; empty when there is none.</summary>
    public string SubsectionText => string.Concat(Subsections.Select(s => $"({s})"));

    /// <summary>True when <paramref name="path"/> is the start of this offense's subsection path.</summary>
    public bool SubsectionsStartWith(IReadOnlyList<string> path) =>
        path.Count <= Subsections.Count && path.Select((p, i) => p == Subsections[i]).All(x => x);

    public override string ToString() => $"{(Attempt ? "664/" : "")}{Section}{SubsectionText}{(Code.Length > 0 ? " " + Code : "")}";
}

/// <summary>A charge as DOJ wrote it: the code-section text, the description, and the offense(s) it names
/// (two for a gang pair such as <c>246/186.22(B)(4) PC</c>).</summary>
public sealed record Charge(string CodeSection, string Description, IReadOnlyList<Offense> Offenses)
{
    public static readonly Charge None = new("", "", []);
}
