using Expunge.Contracts;

namespace Expunge.Eligibility.Domain;

/// <summary>Decisions as the bus carries them to motions.</summary>
public static class DeterminationMessages
{
    public static PersonDetermination Of(PersonOutcome person) => new()
    {
        PersonId = person.PersonId,
        State = person.Decided ? DeterminationState.Decided : DeterminationState.Pending,
        Convictions = [.. person.Decisions.Select(Of)],
        ReplacesPersonIds = person.Replaces,
    };

    public static ConvictionDetermination Of(DecidedConviction d) => new()
    {
        Source = d.Source,
        SourceRecordId = d.SourceRecordId,
        CntOrder = d.ConvictionKey,
        County = d.Decision.Conviction.County,
        Section = d.Decision.Offense.Section,
        Determination = d.Decision.Determination,
        ReasonCode = d.Decision.ReasonCode,
        Policy = d.Decision.Policy.Name,
        PolicyVersion = d.Decision.Policy.Version,
        Filing = d.Filing,
    };
}
