namespace Expunge.EligibilityRules;

/// <summary>The five determinations (eligibility.md, "Determinations"); the text is what people and files read.</summary>
public static class Determinations
{
    public const string EligibleForDismissal = "Eligible for Dismissal";
    public const string EligibleForReduction = "Eligible for Reduction";
    public const string NotEligible = "Not eligible";
    public const string HandReview = "Hand Review";
    public const string CityAttorneys = "To be reviewed by City Attorneys";

    public static readonly IReadOnlyList<string> All = [EligibleForDismissal, EligibleForReduction, NotEligible, HandReview, CityAttorneys];
}

/// <summary>Stable reason codes and the labels people read (eligibility.md, "Reason codes").</summary>
public static class Reasons
{
    public const string MisdemeanorCityAttorney = "MISDEMEANOR_CITY_ATTORNEY";
    public const string Misdemeanor = "MISDEMEANOR";
    public const string AfterProp64 = "AFTER_PROP64";
    public const string Subsection11357AB = "SUBSECTION_11357_AB";
    public const string Other11357 = "OTHER_11357";
    public const string Superstrike = "SUPERSTRIKE";
    public const string Pc290 = "PC290";
    public const string Pc290RegistrationAfter = "PC290_REGISTRATION_AFTER";
    public const string TwoPriors = "TWO_PRIORS";
    public const string AgeThreshold = "AGE_THRESHOLD";
    public const string Youth = "YOUTH";
    public const string OnlyProp64Completed = "ONLY_PROP64_COMPLETED";
    public const string OnlyProp64 = "ONLY_PROP64";
    public const string ConvictionFree = "CONVICTION_FREE";
    public const string YearsSinceConviction = "YEARS_SINCE_CONVICTION";
    public const string ServingSentence = "SERVING_SENTENCE";
    public const string Deceased = "DECEASED";
    public const string DismissSection = "DISMISS_SECTION";
    public const string ReduceSection = "REDUCE_SECTION";
    public const string SectionNotConfigured = "SECTION_NOT_CONFIGURED";
    public const string NoCriteria = "NO_CRITERIA";
    public const string UnknownDate = "UNKNOWN_DATE";

    /// <summary>The label for a reason; <paramref name="n"/> fills "N years", <paramref name="section"/> fills "&lt;section&gt;".</summary>
    public static string Label(string code, int? n = null, string? section = null) => code switch
    {
        MisdemeanorCityAttorney => "Misdemeanor or Infraction (routed to city attorneys)",
        Misdemeanor => "Misdemeanor or Infraction",
        AfterProp64 => "Occurred after 11/09/2016",
        Subsection11357AB => "11357(a) or 11357(b)",
        Other11357 => "Other 11357",
        Superstrike => "PC 667(e)(2)(c)(iv)",
        Pc290 => "PC 290",
        Pc290RegistrationAfter => "PC 290 registration dated after this conviction",
        TwoPriors => "Two priors",
        AgeThreshold => $"{n} years or older",
        Youth => "Under 21 at conviction",
        OnlyProp64Completed => "Only has 11357-60 charges and completed sentence",
        OnlyProp64 => "Only has 11357-60 charges",
        ConvictionFree => $"No convictions in past {n} years",
        YearsSinceConviction => $"Conviction occurred {n} or more years ago",
        ServingSentence => "Currently serving sentence",
        Deceased => "Deceased",
        DismissSection => $"Dismiss all HS {section} convictions",
        ReduceSection => $"Reduce all HS {section} convictions",
        SectionNotConfigured => "Section in neither the dismiss nor the reduce list",
        NoCriteria => "No applicable eligibility criteria",
        UnknownDate => "A date this decision depends on is only partly known",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "unknown reason code"),
    };
}
