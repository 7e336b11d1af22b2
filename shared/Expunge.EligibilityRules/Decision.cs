using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>The facts a decision used, reported whether or not the policy's flow looked at them.</summary>
public sealed record ConvictionFacts(
    IReadOnlyList<string> SuperstrikeSections,
    IReadOnlyList<string> Pc290Sections,
    IReadOnlyList<string> Pc290Registrations,
    int PriorConvictions,
    int Prop64Convictions,
    int? YearsSinceConviction,
    bool Deceased,
    bool PossibleOtherProp64Charge,
    IReadOnlyList<string> Assumptions);

/// <summary>One conviction's determination, the rule that fired (reason) and what it was decided from.</summary>
public sealed record Decision(
    RapSheet Person,
    Conviction Conviction,
    Offense Offense,
    string Determination,
    string ReasonCode,
    string Reason,
    Policy Policy,
    ConvictionFacts Facts);
