namespace Expunge.EligibilityRules;

/// <summary>A county's chosen rule flow with its parameters (eligibility.md). <see cref="AsOf"/> is "today" for every
/// age, years and sentence test: an input, never the wall clock.</summary>
public abstract record Policy(string Name, int Version, string County, DateOnly AsOf);

/// <summary>Los Angeles 2020: misdemeanors to the city attorneys, felonies decided by the 13-step flow.</summary>
public sealed record La2020Policy(int Version, string County, DateOnly AsOf, int AgeThreshold, int ConvictionFreeYears)
    : Policy(La2020Policy.PolicyName, Version, County, AsOf)
{
    public const string PolicyName = "la-2020";
}

/// <summary>Additional relief of the configurable policy; 0 or false means off.</summary>
public sealed record AdditionalRelief(bool Under21AtConviction, int AgeThreshold, int YearsSinceConviction,
    int YearsCrimeFree, bool OnlyProp64Charges, bool Deceased)
{
    public static readonly AdditionalRelief None = new(false, 0, 0, 0, false, false);
}

/// <summary>The statewide options: which sections to dismiss, which to reduce, and what extra relief applies.</summary>
public sealed record ConfigurablePolicy(int Version, string County, DateOnly AsOf, IReadOnlyList<string> Dismiss,
    IReadOnlyList<string> Reduce, AdditionalRelief Relief)
    : Policy(ConfigurablePolicy.PolicyName, Version, County, AsOf)
{
    public const string PolicyName = "configurable";

    public static readonly IReadOnlyList<string> SectionKeys =
        ["11357", "11358", "11359", "11360", "11357(a)", "11357(b)", "11357(c)", "11357(d)", "11357(none)"];
}

/// <summary>H&amp;S 11361.8 as Prop 64 wrote it, for counties that add no policy of their own.</summary>
public sealed record StatutePolicy(int Version, string County, DateOnly AsOf)
    : Policy(StatutePolicy.PolicyName, Version, County, AsOf)
{
    public const string PolicyName = "statute";
}

/// <summary>A policy file that cannot be used, with the key at fault.</summary>
public sealed class PolicyException(string key, string message) : Exception(message)
{
    public string Key { get; } = key;
}
